package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.internal.statement.TargetMetadata;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Garbage in, clear findings out: nothing throws, nothing reaches the target, oversized input is refused. */
class BadInputTest {

    /** Counts every call to the target, to prove bad input never reaches it. */
    private final AtomicInteger targetCalls = new AtomicInteger();
    private final BuiltInSqlReviewer reviewer = new BuiltInSqlReviewer(ReviewProperties.defaults(), TestReviewers.ALL_ON,
            coordinates -> new TargetMetadata() {
                @Override
                public boolean databaseExists(String database) {
                    targetCalls.incrementAndGet();
                    return true;
                }

                @Override
                public java.util.Optional<Table> table(String database, String table) {
                    targetCalls.incrementAndGet();
                    return java.util.Optional.empty();
                }

                @Override
                public Explain explain(String database, String selectSql) {
                    targetCalls.incrementAndGet();
                    return new Explain(1, null);
                }

                @Override
                public java.util.OptionalLong count(String database, String countSql) {
                    targetCalls.incrementAndGet();
                    return java.util.OptionalLong.of(1);
                }
            });

    private ReviewResult review(String sql) {
        return reviewer.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD));
    }

    @Test
    void proseIsASyntaxErrorWithPosition() {
        ReviewResult result = review("Dear DBA,\nplease add an index to the users table. Thanks!");
        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).hasSize(1);
        Finding f = result.statements().get(0).findings().get(0);
        assertThat(f.ruleId()).isEqualTo("stmt.syntax-error");
        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
        assertThat(f.message()).startsWith("Syntax error at line 1, column 1");
        assertThat(targetCalls).hasValue(0);
    }

    @Test
    void binaryGarbageGivesSyntaxErrorsAndNeverThrows() {
        byte[] bytes = new byte[200_000];
        new Random(42).nextBytes(bytes);
        ReviewResult result = review(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.kind()).isEqualTo("UNPARSABLE");
            assertThat(s.findings()).extracting(Finding::ruleId).contains("stmt.syntax-error");
            assertThat(s.findings()).allSatisfy(f -> assertThat(f.message()).hasSizeLessThan(700));
        });
        assertThat(targetCalls).hasValue(0);
    }

    @Test
    void syntaxErrorOnALaterLineIsPositionedInTheScript() {
        ReviewResult result = review(RuleExamplesTest.GOOD.replace("\n", " ") + ";\n\nUPDATE users\n  SET name = 'a'\n  WHER id = 1;");
        StatementReview bad = result.statements().get(1);
        Finding f = bad.findings().get(0);
        assertThat(f.ruleId()).isEqualTo("stmt.syntax-error");
        assertThat(f.line()).isBetween(3, 5);
        assertThat(result.statements().get(0).findings()).isEmpty();
    }

    @Test
    void unterminatedStringAndCommentArePerStatementErrors() {
        ReviewResult result = review("SELECT id FROM users WHERE id = 1;\nSELECT 'open FROM users;\n");
        assertThat(result.statements()).hasSize(2);
        Finding f = result.statements().get(1).findings().get(0);
        assertThat(f.message()).contains("unterminated string");
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.column()).isEqualTo(8);

        Finding c = review("SELECT 1; /* never closed").statements().get(1).findings().get(0);
        assertThat(c.message()).contains("unterminated comment");
    }

    @Test
    void syntaxMysqlWouldRejectIsReported() {
        ReviewResult result = review("ALTER TABLE users ADD COLUMN;\nCREATE TABLE t (id INT,);\nSELECT FROM WHERE;");
        assertThat(result.statements()).allSatisfy(s -> assertThat(s.findings()).extracting(Finding::ruleId).contains("stmt.syntax-error"));
        assertThat(result.passed()).isFalse();
    }

    @Test
    void tenMegabytesOfOneUnparsableStatementIsHandled() {
        String sql = "SELECT '" + "x".repeat(10 * 1024 * 1024);
        ReviewResult result = review(sql);
        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).hasSize(1);
        assertThat(result.statements().get(0).findings().get(0).message()).contains("unterminated string").hasSizeLessThan(700);
    }

    @Test
    void inputOverTheLimitIsRefusedNamingTheLimit() {
        BuiltInSqlReviewer small = TestReviewers.allRulesOn(FixedTargetMetadata.shop(), ReviewProperties.defaults().withMaxScriptBytes(1000));
        ReviewResult result = small.review(ReviewRequest.ofText("SELECT 1;".repeat(200), Environment.DEV));
        assertThat(result.refused()).isTrue();
        assertThat(result.message()).contains("1000 bytes").contains("tollgate.review.max-script-bytes");
        assertThat(result.passed()).isFalse();
    }

    @Test
    void deeplyNestedExpressionsDoNotEscapeAsErrors() {
        String deep = "DELETE FROM users WHERE " + "(".repeat(20_000) + "id = 1" + ")".repeat(20_000) + ";\nSELECT id FROM users WHERE id = 2";
        ReviewResult result = review(deep);
        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).hasSize(2);
        assertThat(result.statements().get(0).findings()).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("nested too deeply"));
        assertThat(result.statements().get(1).kind()).isEqualTo("SELECT");
        assertThat(result.statements().get(1).findings()).extracting(Finding::ruleId).doesNotContain("stmt.syntax-error");
    }

    @Test
    void targetFailingMidReviewIsAFindingNotAnException() {
        BuiltInSqlReviewer failing = new BuiltInSqlReviewer(ReviewProperties.defaults(), TestReviewers.ALL_ON, coordinates -> new TargetMetadata() {
            @Override
            public boolean databaseExists(String database) {
                return true;
            }

            @Override
            public java.util.Optional<Table> table(String database, String table) {
                throw new IllegalStateException("Communications link failure");
            }

            @Override
            public Explain explain(String database, String selectSql) {
                throw new IllegalStateException("Communications link failure");
            }

            @Override
            public java.util.OptionalLong count(String database, String countSql) {
                throw new IllegalStateException("Communications link failure");
            }
        });
        ReviewResult result = failing.review(new ReviewRequest("ALTER TABLE users ADD COLUMN a INT NOT NULL DEFAULT 0 COMMENT 'a';\n"
                + "DELETE FROM users WHERE id = 1", TestReviewers.TARGET, "shop", Environment.PROD));
        assertThat(result.refused()).isFalse();
        assertThat(result.statements()).hasSize(2).allSatisfy(s -> assertThat(s.findings()).isNotEmpty());
    }

    @Test
    void emptyScriptIsRefused() {
        ReviewResult result = review("  -- only a comment\n");
        assertThat(result.refused()).isTrue();
        assertThat(result.message()).contains("no SQL statements");
    }
}
