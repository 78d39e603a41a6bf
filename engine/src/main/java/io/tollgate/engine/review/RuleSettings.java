package io.tollgate.engine.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Use case: see the reviewer's rules with their level per environment, and change a level (audited). */
public interface RuleSettings {

    /** Every rule in catalogue order, with its current level in each environment. */
    List<RuleSetting> rules();

    /**
     * Sets a rule's level in one environment and records who changed it, when, and from what.
     *
     * @throws IllegalArgumentException for an unknown rule id or a blank username
     */
    RuleSetting changeLevel(String ruleId, Environment environment, RuleLevel level, String actingUsername);

    /** The audit trail of one rule (all rules when {@code ruleId} is null), newest first. */
    List<RuleLevelChange> changes(String ruleId);

    /**
     * @param description what the rule checks
     * @param fix         how to fix a violation
     * @param levels      the effective level in each environment
     */
    record RuleSetting(String id, RuleCategory category, RuleLevel defaultLevel, String description, String fix,
                       Map<Environment, RuleLevel> levels) {
    }

    record RuleLevelChange(String ruleId, Environment environment, RuleLevel oldLevel, RuleLevel newLevel,
                           String changedBy, Instant changedAt) {
    }
}
