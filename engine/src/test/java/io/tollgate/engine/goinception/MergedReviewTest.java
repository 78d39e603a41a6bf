package io.tollgate.engine.goinception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.integrations.goinception.GoInceptionClient;
import io.tollgate.integrations.goinception.GoInceptionProperties;
import io.tollgate.integrations.goinception.GoInceptionRow;
import org.junit.jupiter.api.Test;

/** goInception's rows laid onto Tollgate's split, merged with the built-in findings. */
class MergedReviewTest {

    private static StatementReview stmt(int index, int line, String sql, String kind, Finding... findings) {
        return new StatementReview(index, line, 1, sql, kind, List.of(findings), null, null);
    }

    private static GoInceptionRow row(int order, int level, String message, String sql, long rows) {
        return new GoInceptionRow(order, "CHECKED", level, "Audit Completed", message, sql, rows, "'0_0_0'", null, "0",
                null, "0");
    }

    private static final Finding BUILT_IN_WARNING = new Finding("table.require-comment", RuleLevel.WARNING,
            "Give the table a comment", 1, 1);
    private static final Finding REFUSED = new Finding("execution.refused", RuleLevel.ERROR,
            "Tollgate's executor does not run LOCK TABLES", 3, 1);

    private static ReviewResult builtIn(StatementReview... statements) {
        int errors = 0;
        int warnings = 0;
        for (StatementReview s : statements) {
            for (Finding f : s.findings()) {
                errors += f.level() == RuleLevel.ERROR ? 1 : 0;
                warnings += f.level() == RuleLevel.WARNING ? 1 : 0;
            }
        }
        return new ReviewResult(false, "built-in", List.of(statements), RiskLevel.LOW, errors, warnings);
    }

    @Test
    void rowsLandOnTheirStatementsWithLevelsAndSourcesAndTheStricterSideWins() {
        ReviewResult split = builtIn(
                stmt(0, 1, "CREATE TABLE t1 (id INT PRIMARY KEY, c1 INT)", "CREATE_TABLE", BUILT_IN_WARNING),
                stmt(1, 2, "INSERT INTO t1 (id, c1) VALUES (1, 1)", "INSERT"),
                stmt(2, 3, "UPDATE t1\n   SET c1 = 2", "UPDATE"));
        List<GoInceptionRow> rows = List.of(
                row(1, 0, null, "use `shop`", 0),
                row(2, 1, "Set engine to innodb for table 't1'.\nSet comments for table 't1'.",
                        "CREATE TABLE t1 (id INT PRIMARY KEY, c1 INT)", 0),
                row(3, 0, null, "INSERT INTO t1 (id, c1) VALUES (1, 1)", 1),
                row(4, 2, "set the where condition for update statement.", "UPDATE t1 SET c1 = 2", 3));

        ReviewResult merged = MergedReview.merge(split, rows, "shop", ReviewBackend.BOTH, 100_000);

        assertThat(merged.passed()).isFalse();
        assertThat(merged.errors()).isEqualTo(1);
        assertThat(merged.warnings()).isEqualTo(3);
        StatementReview create = merged.statements().get(0);
        assertThat(create.findings()).extracting(Finding::ruleId)
                .containsExactly("table.require-comment", "goinception.warning", "goinception.warning");
        assertThat(create.findings().get(1).message()).isEqualTo("goInception: Set engine to innodb for table 't1'.");
        assertThat(create.findings().get(1).line()).isEqualTo(1);
        assertThat(merged.statements().get(1).findings()).isEmpty();
        assertThat(merged.statements().get(1).rows()).isEqualTo(new RowEstimate(1, RowEstimate.Kind.ESTIMATE, "goInception"));
        StatementReview update = merged.statements().get(2);
        assertThat(update.hasErrors()).isTrue();
        assertThat(update.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("goinception.error");
            assertThat(f.line()).isEqualTo(3);
        });
        assertThat(merged.message()).contains("reviewed by Tollgate's rules and goInception");
    }

    @Test
    void aRowGoInceptionMergedAfterASyntaxErrorCoversEveryStatementItHolds() {
        ReviewResult split = builtIn(
                stmt(0, 1, "INSERT INTO t1 (id, c1) VALUES (2, 2)", "INSERT"),
                stmt(1, 2, "UPDATE t1 SETT c1 = 3 WHERE id = 2", "UNPARSABLE"),
                stmt(2, 3, "DELETE FROM t1 WHERE id = 2", "DELETE"));
        List<GoInceptionRow> rows = List.of(
                row(1, 0, null, "use `shop`", 0),
                row(2, 0, null, "INSERT INTO t1 (id, c1) VALUES (2, 2)", 1),
                row(3, 2, "line 1 column 17 near \"SETT c1 = 3 WHERE id = 2\"",
                        "UPDATE t1 SETT c1 = 3 WHERE id = 2;\nDELETE FROM t1 WHERE id = 2;", 0));

        ReviewResult merged = MergedReview.merge(split, rows, "shop", ReviewBackend.GOINCEPTION, 100_000);

        assertThat(merged.statements().get(0).findings()).isEmpty();
        assertThat(merged.statements().get(1).findings()).extracting(Finding::level).containsExactly(RuleLevel.ERROR);
        assertThat(merged.statements().get(2).findings()).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
            assertThat(f.message()).contains("checked with the previous statement").contains("SETT");
            assertThat(f.line()).isEqualTo(3);
        });
        assertThat(merged.passed()).isFalse();
    }

    @Test
    void aStatementNoRowCoversIsAnErrorAndARowMatchingNothingLandsOnTheNextStatement() {
        ReviewResult split = builtIn(
                stmt(0, 1, "INSERT INTO t1 VALUES (1)", "INSERT"),
                stmt(1, 2, "-- why\nINSERT INTO t1 VALUES (2)", "INSERT"),
                stmt(2, 4, "INSERT INTO t1 VALUES (3)", "INSERT"));
        List<GoInceptionRow> rows = List.of(
                row(1, 0, null, "INSERT INTO t1 VALUES (1)", 1),
                row(2, 1, "Set comments.", "INSERT INTO t1 VALUES (2)", 1));

        ReviewResult merged = MergedReview.merge(split, rows, null, ReviewBackend.GOINCEPTION, 100_000);

        assertThat(merged.statements().get(1).findings()).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(RuleLevel.WARNING);
            assertThat(f.message()).startsWith("goInception: on \"INSERT INTO t1 VALUES (2)\": Set comments.");
        });
        assertThat(merged.statements().get(2).findings()).extracting(Finding::ruleId).containsExactly("goinception.unchecked");
        assertThat(merged.passed()).isFalse();
    }

    @Test
    void goInceptionAloneKeepsOnlyTheExecutorsRefusalsOfTheBuiltInFindings() {
        ReviewResult split = builtIn(
                stmt(0, 1, "CREATE TABLE t2 (id INT PRIMARY KEY)", "CREATE_TABLE", BUILT_IN_WARNING),
                stmt(1, 3, "LOCK TABLES t2 WRITE", "LOCK", REFUSED));
        List<GoInceptionRow> rows = List.of(row(1, 0, null, "CREATE TABLE t2 (id INT PRIMARY KEY)", 0),
                row(2, 0, null, "LOCK TABLES t2 WRITE", 0));

        ReviewResult merged = MergedReview.merge(split, rows, null, ReviewBackend.GOINCEPTION, 100_000);

        assertThat(merged.statements().get(0).findings()).isEmpty();
        assertThat(merged.statements().get(1).findings()).containsExactly(REFUSED);
        assertThat(merged.passed()).isFalse();
        assertThat(merged.message()).contains("reviewed by goInception");
    }

    @Test
    void goInceptionsRowEstimateRaisesTheRisk() {
        ReviewResult split = builtIn(stmt(0, 1, "DELETE FROM t1 WHERE c1 > 0", "DELETE"));

        ReviewResult moderate = MergedReview.merge(split, List.of(row(1, 1, "Big.", "DELETE FROM t1 WHERE c1 > 0", 5_000)),
                null, ReviewBackend.BOTH, 100_000);
        ReviewResult high = MergedReview.merge(split, List.of(row(1, 0, null, "DELETE FROM t1 WHERE c1 > 0", 200_000)),
                null, ReviewBackend.BOTH, 100_000);

        assertThat(moderate.risk()).isEqualTo(RiskLevel.MODERATE);
        assertThat(high.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat(high.passed()).isTrue();
    }

    /** The attack: goInception down must never turn into a passed review. */
    @Test
    void goInceptionUnreachableThrowsAndNeverPasses() {
        ReviewResult split = builtIn(stmt(0, 1, "DROP TABLE t1", "DROP_TABLE"));
        List<ReviewBackend> seen = new ArrayList<>();
        InstanceReviewer.GoInceptionSqlReviewer reviewer = new InstanceReviewer.GoInceptionSqlReviewer(request -> split,
                new GoInceptionClient(new GoInceptionProperties("127.0.0.1:1", null, null, Duration.ofSeconds(1))),
                ReviewBackend.BOTH, ReviewProperties.defaults());
        ReviewRequest request = new ReviewRequest("DROP TABLE t1", new TargetCoordinates("db1", 3306, "u", "target-pw"),
                "shop", Environment.PROD);

        for (ReviewBackend backend : List.of(ReviewBackend.GOINCEPTION, ReviewBackend.BOTH)) {
            assertThatThrownBy(() -> reviewer.review(request, backend))
                    .isInstanceOf(ReviewBackendUnavailableException.class)
                    .hasMessageStartingWith("goInception at 127.0.0.1:1 is unreachable")
                    .message().doesNotContain("target-pw");
            seen.add(backend);
        }
        GoInceptionClient unset = new GoInceptionClient(new GoInceptionProperties(null, null, null, null));
        assertThatThrownBy(() -> new InstanceReviewer.GoInceptionSqlReviewer(request2 -> split, unset,
                ReviewBackend.GOINCEPTION, ReviewProperties.defaults()).review(request))
                .isInstanceOf(ReviewBackendUnavailableException.class).hasMessageContaining("not configured");
        assertThat(seen).hasSize(2);
    }
}
