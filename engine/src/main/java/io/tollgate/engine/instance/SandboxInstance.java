package io.tollgate.engine.instance;

import io.tollgate.integrations.sandbox.SandboxReady;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Registers the embedded default's sandbox MariaDB as the {@code sandbox} instance (DEV), or points it at the new port. */
@Component
class SandboxInstance {

    static final String NAME = "sandbox";
    private static final Logger log = LoggerFactory.getLogger(SandboxInstance.class);

    private final TargetInstances instances;

    SandboxInstance(TargetInstances instances) {
        this.instances = instances;
    }

    @EventListener
    void onSandboxReady(SandboxReady ready) {
        instances.upsertSystemInstance(NAME, ready.host(), ready.port(), ready.user(), ready.password());
        log.info("Instance '{}' points at the sandbox MariaDB on {}:{} (database '{}')", NAME, ready.host(),
                ready.port(), ready.demoDatabase());
    }
}
