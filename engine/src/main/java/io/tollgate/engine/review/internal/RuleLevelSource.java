package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RuleLevel;
import java.util.Map;

/** Where the reviewer gets the levels admins set: rule id → level, for the rules whose level differs from the default. */
@FunctionalInterface
public interface RuleLevelSource {

    Map<String, RuleLevel> overrides(Environment environment);

    /** Every rule at its default level. */
    RuleLevelSource DEFAULTS = environment -> Map.of();
}
