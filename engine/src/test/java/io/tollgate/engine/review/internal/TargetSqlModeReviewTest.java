package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.TargetCoordinates;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A target whose sql_mode reads SQL in another dialect (ADR 0046): Tollgate runs the ticket in MySQL's default one, and
 * the review warns where a statement's text would mean something else to a DBA writing for that server.
 */
class TargetSqlModeReviewTest {

    private final BuiltInSqlReviewer reviewer = TestReviewers.allRulesOn(FixedTargetMetadata.shop());

    private List<String> warnings(String sql, TargetCoordinates target) {
        return reviewer.review(new ReviewRequest(sql, target, "shop", Environment.PROD)).statements().get(0).findings()
                .stream().filter(f -> f.ruleId().equals("target.sql-mode")).map(Finding::message).toList();
    }

    @Test
    void eachFlagIsNamedWhereTheStatementHasWhatItReadsOtherwise() {
        assertThat(warnings("UPDATE users SET name = 'C:\\temp' WHERE id = 1", TestReviewers.OTHER_DIALECT))
                .singleElement().asString().startsWith("The target's sql_mode has NO_BACKSLASH_ESCAPES, ANSI_QUOTES,")
                .contains("where a backslash in a string escapes the character after it.")
                .doesNotContain("double quotes", "||", "NOT applies");
        assertThat(warnings("UPDATE users SET name = \"x\" WHERE id = 1 || id = 2", TestReviewers.OTHER_DIALECT))
                .singleElement().asString()
                .contains("where text in double quotes is a string, not a name; || is OR, not concatenation.");
        assertThat(warnings("UPDATE users SET name = 'x' WHERE NOT id BETWEEN 2 AND 3", TestReviewers.OTHER_DIALECT))
                .singleElement().asString().contains("where NOT applies to the whole comparison after it.");
    }

    @Test
    void notAsPartOfAnOperatorOrBeforeParenthesesIsReadAlikeInBothDialects() {
        for (String sql : List.of("UPDATE users SET name = 'x' WHERE id NOT IN (1, 2)",
                "UPDATE users SET name = 'x' WHERE name NOT LIKE 'a%' AND id NOT BETWEEN 2 AND 3",
                "UPDATE users SET name = 'x' WHERE bio IS NOT NULL AND NOT (id = 1)",
                "UPDATE users SET name = 'x' WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id)",
                "ALTER TABLE users ADD COLUMN nothing INT NOT NULL DEFAULT 0 COMMENT 'NOTE: not this'")) {
            assertThat(warnings(sql, TestReviewers.OTHER_DIALECT)).as(sql).isEmpty();
        }
    }

    @Test
    void aServerInTheDefaultDialectOrNoTargetGetsNoWarning() {
        String sql = "UPDATE users SET name = \"C:\\temp\" WHERE NOT id = 1 || id = 2";
        assertThat(warnings(sql, TestReviewers.TARGET)).isEmpty();
        assertThat(reviewer.review(ReviewRequest.ofText(sql, Environment.PROD)).statements().get(0).findings())
                .extracting(Finding::ruleId).doesNotContain("target.sql-mode");
    }
}
