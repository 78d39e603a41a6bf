package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** An admin-set level of one rule in one environment (table {@code review_rule_level}); times are UTC. */
@Entity
@Table(name = "review_rule_level")
public class RuleLevelOverride {

    @Id
    @Column(name = "id", length = 120)
    private String id;

    @Column(name = "rule_id", nullable = false, length = 100)
    private String ruleId;

    @Column(name = "environment", nullable = false, length = 10)
    private String environment;

    @Column(name = "rule_level", nullable = false, length = 10)
    private String level;

    @Column(name = "changed_by", nullable = false, length = 100)
    private String changedBy;

    @Column(name = "changed_at", nullable = false)
    private LocalDateTime changedAt;

    protected RuleLevelOverride() {
    }

    RuleLevelOverride(String ruleId, Environment environment) {
        this.id = idOf(ruleId, environment);
        this.ruleId = ruleId;
        this.environment = environment.name();
    }

    static String idOf(String ruleId, Environment environment) {
        return ruleId + "@" + environment.name();
    }

    void set(RuleLevel level, String changedBy, LocalDateTime changedAt) {
        this.level = level.name();
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    String ruleId() {
        return ruleId;
    }

    Environment environment() {
        return Environment.valueOf(environment);
    }

    RuleLevel level() {
        return RuleLevel.valueOf(level);
    }
}
