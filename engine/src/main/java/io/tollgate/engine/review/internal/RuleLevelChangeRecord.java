package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** One audited level change (table {@code review_rule_level_change}); never updated or deleted. Times are UTC. */
@Entity
@Table(name = "review_rule_level_change")
@EntityListeners(RuleLevelChangeAudit.class)
public class RuleLevelChangeRecord {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "rule_id", nullable = false, length = 100)
    private String ruleId;

    @Column(name = "environment", nullable = false, length = 10)
    private String environment;

    @Column(name = "old_level", nullable = false, length = 10)
    private String oldLevel;

    @Column(name = "new_level", nullable = false, length = 10)
    private String newLevel;

    @Column(name = "changed_by", nullable = false, length = 100)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private LocalDateTime changedAt;

    protected RuleLevelChangeRecord() {
    }

    RuleLevelChangeRecord(String ruleId, Environment environment, RuleLevel oldLevel, RuleLevel newLevel, String changedBy,
                          LocalDateTime changedAt) {
        this.id = UUID.randomUUID().toString();
        this.ruleId = ruleId;
        this.environment = environment.name();
        this.oldLevel = oldLevel.name();
        this.newLevel = newLevel.name();
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    RuleSettings.RuleLevelChange toChange() {
        return new RuleSettings.RuleLevelChange(ruleId, Environment.valueOf(environment), RuleLevel.valueOf(oldLevel),
                RuleLevel.valueOf(newLevel), changedBy, changedAt.toInstant(ZoneOffset.UTC));
    }
}
