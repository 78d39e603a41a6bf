package io.tollgate.engine.deployment.internal;

import java.util.List;

import io.tollgate.engine.deployment.DeploymentHistory;
import io.tollgate.engine.deployment.DeploymentRecord;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/deployments}: the model guard's decisions, newest first, for those who read history. */
@RestController
class DeploymentController {

    private static final int DEFAULT_LIMIT = 50;

    private final DeploymentHistory history;

    DeploymentController(DeploymentHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/deployments")
    List<DeploymentRecord> newest(@RequestParam(required = false) Integer limit, Authentication user) {
        return history.newest(user.getName(), limit == null ? DEFAULT_LIMIT : limit);
    }
}
