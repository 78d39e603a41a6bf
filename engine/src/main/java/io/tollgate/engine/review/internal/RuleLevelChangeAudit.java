package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.RuleSettings;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import jakarta.persistence.PostPersist;
import org.springframework.beans.factory.ObjectProvider;

/** Every change of a review rule's level also goes to the one audit trail, in the same transaction. */
public class RuleLevelChangeAudit {

    private final ObjectProvider<AuditTrail> trail;

    /** @param trail resolved at the first change: the listener is built with JPA, before the trail can be */
    RuleLevelChangeAudit(ObjectProvider<AuditTrail> trail) {
        this.trail = trail;
    }

    @PostPersist
    void recorded(RuleLevelChangeRecord record) {
        RuleSettings.RuleLevelChange change = record.toChange();
        AuditEvent audit = new AuditEvent("review-rule.level-changed", change.changedBy(), "review-rule",
                change.ruleId(), "rule " + change.ruleId() + " in " + change.environment() + ": " + change.oldLevel()
                        + " → " + change.newLevel(),
                Map.of("environment", change.environment().name(), "from", change.oldLevel().name(),
                        "to", change.newLevel().name()));
        // a JPA test slice has no trail; the application always has one
        trail.ifAvailable(t -> t.record(audit));
    }
}
