package io.tollgate.engine.servicetree.internal.journal;

import java.util.HashMap;
import java.util.Map;
import java.util.Locale;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import jakarta.persistence.PostPersist;
import org.springframework.beans.factory.ObjectProvider;

/** Every event of a tree change's own trail also goes to the one audit trail, in the same transaction. */
class ChangeEventAudit {

    private final ObjectProvider<AuditTrail> trail;

    /** @param trail resolved at the first event: the listener is built with JPA, before the trail can be */
    ChangeEventAudit(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @PostPersist
    void recorded(ChangeEventEntry event) {
        Map<String, Object> payload = new HashMap<>();
        if (event.detail() != null) {
            payload.put("detail", event.detail());
        }
        String what = event.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
        AuditEvent audit = new AuditEvent("tree-change." + what, event.actor(), "tree-change", event.changeId(),
                "tree change " + event.changeId() + " " + what.replace('-', ' ')
                        + (event.remark() == null ? "" : ": " + event.remark()), payload);
        // a JPA test slice has no trail; the application always has one
        trail.ifAvailable(t -> t.record(audit));
    }
}
