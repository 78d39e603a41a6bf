package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.review.internal.rules.RuleRegistry;
import io.tollgate.engine.review.internal.statement.TargetMetadata;
import java.util.HashMap;
import java.util.Map;

/** Reviewers wired for tests and the benchmark, without Spring. */
public final class TestReviewers {

    static final TargetCoordinates TARGET = new TargetCoordinates("fixture.local", 3306, "review", "secret");
    static final TargetCoordinates DOWN = new TargetCoordinates("down.invalid", 3306, "review", "secret");
    /** The fixture's tables on a server whose sql_mode reads SQL otherwise ({@link FixedTargetMetadata#readingOtherwise}). */
    static final TargetCoordinates OTHER_DIALECT = new TargetCoordinates("ansi.local", 3306, "review", "secret");

    private static final Map<String, RuleLevel> OFF_RAISED = new HashMap<>();

    static {
        RuleRegistry.ALL.stream().filter(r -> r.defaultLevel() == RuleLevel.OFF).forEach(r -> OFF_RAISED.put(r.id(), RuleLevel.WARNING));
    }

    /** Every rule on: rules that are OFF by default run at WARNING. */
    static final RuleLevelSource ALL_ON = environment -> OFF_RAISED;

    private TestReviewers() {
    }

    static BuiltInSqlReviewer allRulesOn(TargetMetadata target) {
        return allRulesOn(target, ReviewProperties.defaults());
    }

    public static BuiltInSqlReviewer allRulesOn(TargetMetadata target, ReviewProperties properties) {
        return new BuiltInSqlReviewer(properties, ALL_ON, coordinates -> {
            if (coordinates.host().equals(DOWN.host())) {
                throw new IllegalStateException("Communications link failure: connection refused");
            }
            if (coordinates.host().equals(OTHER_DIALECT.host()) && target instanceof FixedTargetMetadata fixed) {
                return fixed.readingOtherwise();
            }
            return target;
        });
    }
}
