package io.tollgate.engine.instance;

import java.time.Instant;

import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.integrations.sandbox.SandboxMariaDb;
import io.tollgate.integrations.sandbox.SandboxStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sandbox}: where the embedded default's sandbox MariaDB stands (starting, waiting to retry, ready,
 * failed and why), for those who manage instances; {@code DISABLED} where Tollgate runs no sandbox.
 */
@RestController
class SandboxController {

    /** The sandbox's status as JSON; {@code state} is a {@link SandboxStatus.State} name or {@code DISABLED}. */
    record Status(String state, int attempt, int attempts, String lastFailure, Integer port, Instant since) {

        static Status of(SandboxStatus status) {
            return new Status(status.state().name(), status.attempt(), status.attempts(), status.lastFailure(),
                    status.port() > 0 ? status.port() : null, status.since());
        }
    }

    private final ObjectProvider<SandboxMariaDb> sandbox;

    SandboxController(ObjectProvider<SandboxMariaDb> sandbox) {
        this.sandbox = sandbox;
    }

    @GetMapping("/api/v1/sandbox")
    Status status(Authentication user) {
        Permissions.require(user, Permission.MANAGE_INSTANCES);
        SandboxMariaDb running = sandbox.getIfAvailable();
        return running == null ? new Status("DISABLED", 0, 0, null, null, null) : Status.of(running.status());
    }
}
