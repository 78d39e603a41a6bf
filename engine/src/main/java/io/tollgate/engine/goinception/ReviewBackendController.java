package io.tollgate.engine.goinception;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET|PUT /api/v1/instances/{name}/review-backend} with {@code {"backend":"BOTH"}}: which reviewer checks an
 * instance's tickets, for those who manage instances; {@code goInception} says whether goInception answers now.
 */
@RestController
class ReviewBackendController {

    record Body(String backend) {
    }

    record Answer(String instance, ReviewBackend backend, String goInception) {
    }

    private final ReviewBackends backends;
    private final TargetInstances instances;

    ReviewBackendController(ReviewBackends backends, TargetInstances instances) {
        this.backends = backends;
        this.instances = instances;
    }

    @GetMapping("/api/v1/instances/{name}/review-backend")
    Answer get(@PathVariable String name, Authentication user) {
        Permissions.require(user, Permission.MANAGE_INSTANCES);
        requireInstance(name);
        return answer(name);
    }

    @PutMapping("/api/v1/instances/{name}/review-backend")
    Answer put(@PathVariable String name, @RequestBody(required = false) Body body, Authentication user) {
        Permissions.require(user, Permission.MANAGE_INSTANCES);
        requireInstance(name);
        ReviewBackend backend;
        try {
            backend = body == null || body.backend() == null ? null : ReviewBackend.valueOf(body.backend().strip());
        } catch (IllegalArgumentException e) {
            backend = null;
        }
        if (backend == null) {
            throw new InvalidRequestException("backend", "backend must be BUILT_IN, GOINCEPTION or BOTH");
        }
        backends.choose(name, backend, user.getName());
        return answer(name);
    }

    private void requireInstance(String name) {
        if (instances.find(name).isEmpty()) {
            throw new NotFoundException("No instance named '" + name + "'");
        }
    }

    private Answer answer(String name) {
        ReviewBackend backend = backends.of(name);
        String health = backend.usesGoInception() || backends.goInceptionConfigured() ? backends.goInceptionHealth() : null;
        return new Answer(name, backend, health == null ? "answers" : health);
    }
}
