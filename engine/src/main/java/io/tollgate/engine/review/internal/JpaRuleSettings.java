package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.RuleSettings;
import io.tollgate.engine.review.internal.rules.Rule;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rule levels kept in {@code review_rule_level}, every change audited in {@code review_rule_level_change}
 * in the same transaction. The reviewer reads the overrides once per review.
 */
@Component
public class JpaRuleSettings implements RuleSettings, RuleLevelSource {

    private final RuleLevelOverrides overrides;
    private final RuleLevelChangeRecords changes;
    private final Clock clock;

    @Autowired
    JpaRuleSettings(RuleLevelOverrides overrides, RuleLevelChangeRecords changes) {
        this(overrides, changes, Clock.systemUTC());
    }

    JpaRuleSettings(RuleLevelOverrides overrides, RuleLevelChangeRecords changes, Clock clock) {
        this.overrides = overrides;
        this.changes = changes;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, RuleLevel> overrides(Environment environment) {
        Map<String, RuleLevel> out = new HashMap<>();
        for (RuleLevelOverride o : overrides.findByEnvironment(environment.name())) {
            out.put(o.ruleId(), o.level());
        }
        return out;
    }

    @Override
    @Transactional(readOnly = true)
    public List<RuleSetting> rules() {
        Map<String, Map<Environment, RuleLevel>> set = new HashMap<>();
        for (RuleLevelOverride o : overrides.findAll()) {
            set.computeIfAbsent(o.ruleId(), k -> new EnumMap<>(Environment.class)).put(o.environment(), o.level());
        }
        return RuleRegistry.ALL.stream().map(r -> setting(r, set.getOrDefault(r.id(), Map.of()))).toList();
    }

    private static RuleSetting setting(Rule rule, Map<Environment, RuleLevel> set) {
        Map<Environment, RuleLevel> levels = new EnumMap<>(Environment.class);
        for (Environment e : Environment.values()) {
            levels.put(e, rule.fixedLevel() ? rule.defaultLevel() : set.getOrDefault(e, rule.defaultLevel()));
        }
        return new RuleSetting(rule.id(), rule.category(), rule.defaultLevel(), rule.description(), rule.fix(), Map.copyOf(levels));
    }

    @Override
    @Transactional
    public RuleSetting changeLevel(String ruleId, Environment environment, RuleLevel level, String actingUsername) {
        Rule rule = RuleRegistry.byId(ruleId);
        if (rule == null) {
            throw new IllegalArgumentException("unknown rule " + ruleId);
        }
        if (rule.fixedLevel()) {
            throw new IllegalArgumentException("rule " + ruleId + " is always " + rule.defaultLevel()
                    + ": it says which statements the executor refuses, so a ticket that passes review can execute");
        }
        if (environment == null || level == null) {
            throw new IllegalArgumentException("environment and level are required");
        }
        if (actingUsername == null || actingUsername.isBlank()) {
            throw new IllegalArgumentException("the acting username is required for the audit trail");
        }
        RuleLevelOverride current = overrides.findById(RuleLevelOverride.idOf(ruleId, environment)).orElse(null);
        RuleLevel old = current == null ? rule.defaultLevel() : current.level();
        if (old != level) {
            LocalDateTime now = LocalDateTime.now(clock);
            RuleLevelOverride row = current == null ? new RuleLevelOverride(ruleId, environment) : current;
            row.set(level, actingUsername, now);
            overrides.save(row);
            changes.save(new RuleLevelChangeRecord(ruleId, environment, old, level, actingUsername, now));
        }
        Map<Environment, RuleLevel> set = new EnumMap<>(Environment.class);
        for (Environment e : Environment.values()) {
            overrides.findById(RuleLevelOverride.idOf(ruleId, e)).ifPresent(o -> set.put(e, o.level()));
        }
        return setting(rule, set);
    }

    @Override
    @Transactional(readOnly = true)
    public List<RuleLevelChange> changes(String ruleId) {
        List<RuleLevelChangeRecord> records = ruleId == null ? changes.findAllByOrderByChangedAtDesc()
                : changes.findByRuleIdOrderByChangedAtDesc(ruleId);
        return records.stream().map(RuleLevelChangeRecord::toChange).toList();
    }
}
