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
        // about the ticket or change the request named, so that a search by its id finds the attempts on it
        java.util.regex.Matcher ticket = TICKET.matcher(refused.path() == null ? "" : refused.path());
        java.util.regex.Matcher change = CHANGE.matcher(refused.path() == null ? "" : refused.path());
        String type = ticket.lookingAt() ? "ticket" : change.lookingAt() ? "tree-change" : "request";
        String subject = ticket.lookingAt() ? ticket.group(1) : change.lookingAt() ? change.group(1) : what;
        trail.record(new AuditEvent(refused.approval() ? "approval.refused" : "access.forbidden", refused.actor(),
                type, subject, (refused.actor() == null ? "someone" : refused.actor()) + " was refused " + what
                + ": " + refused.reason(), payload), refused.source());
    }

    private static final java.util.regex.Pattern TICKET = java.util.regex.Pattern.compile("/api/v1/tickets/([^/]+)");
    private static final java.util.regex.Pattern CHANGE =
            java.util.regex.Pattern.compile("/api/v1/service-tree/changes/([^/]+)");
}
