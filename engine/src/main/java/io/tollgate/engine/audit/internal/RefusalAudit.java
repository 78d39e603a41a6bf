package io.tollgate.engine.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.ApiRequestRefused;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refused attempts go to the trail: a REST request the permission matrix refused ({@code access.forbidden}) or the
 * approval policy refused ({@code approval.refused}), with who asked for what and why. (Refused deployments and
 * executions refused by the gate are recorded where they are decided.)
 */
@Component
class RefusalAudit {

    private final AuditTrail trail;

    RefusalAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void refused(ApiRequestRefused refused) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", refused.method());
        payload.put("path", refused.path());
        payload.put("reason", refused.reason());
        String what = refused.method() + " " + refused.path();
        trail.record(new AuditEvent(refused.approval() ? "approval.refused" : "access.forbidden", refused.actor(),
                "request", what, (refused.actor() == null ? "someone" : refused.actor()) + " was refused " + what
                + ": " + refused.reason(), payload), refused.source());
    }
}
