package io.tollgate.engine.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.druid.sql.SQLUtils;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.internal.statement.TargetMetadata;
import io.tollgate.integrations.mysql.execution.StatementSupport.Reason;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the executor refuses is an ERROR of the review, with the executor's own words, and the statement's rollback
 * says so: with a target (fixture database shop) and, for tables the script creates, without one.
 */
class ExecutionRefusalReviewTest {

    /** shop.users and shop.orders (keyed by id, not auto-increment), plus heap (no key) and seq (auto-increment id). */
    private static FixedTargetMetadata target() {
        return FixedTargetMetadata.shop()
                .add(new TargetMetadata.Table("shop", "heap", "InnoDB", 10, List.of(
                        new TargetMetadata.Column("a", "int(11)", false),
                        new TargetMetadata.Column("b", "varchar(10)", false)), List.of()))
                .add(new TargetMetadata.Table("shop", "seq", "InnoDB", 10, List.of(
                        new TargetMetadata.Column("id", "bigint(20) unsigned", false, true),
                        new TargetMetadata.Column("v", "varchar(10)", false)), List.of(
                        new TargetMetadata.Index("PRIMARY", true, List.of("id")))));
    }

    private final BuiltInSqlReviewer reviewer = TestReviewers.allRulesOn(target());

    static final Map<Reason, String> EXAMPLES = Map.ofEntries(
            Map.entry(Reason.NOT_A_CHANGE, "SELECT name FROM users WHERE id = 1"),
            Map.entry(Reason.MULTI_TABLE, "DELETE u FROM users u JOIN orders o ON o.user_id = u.id WHERE o.id = 1"),
            Map.entry(Reason.LIMIT, "DELETE FROM users WHERE id > 10 LIMIT 1"),
            Map.entry(Reason.REPLACE, "REPLACE INTO users (id, name, email) VALUES (1, 'n', 'e')"),
            Map.entry(Reason.INSERT_SELECT, "INSERT INTO users (id, name, email) SELECT id, 'n', 'e' FROM orders WHERE id = 1"),
            Map.entry(Reason.INSERT_IGNORE_OR_UPSERT, "INSERT IGNORE INTO users (id, name, email) VALUES (1, 'n', 'e')"),
            Map.entry(Reason.SERVER_FILE, "UPDATE users SET name = LOAD_FILE('/etc/hostname') WHERE id = 1"),
            Map.entry(Reason.ALTER_IGNORE, "ALTER IGNORE TABLE users ADD UNIQUE KEY uk_name (name)"),
            Map.entry(Reason.TABLE_MISSING, "UPDATE nowhere SET name = 'x' WHERE id = 1"),
            Map.entry(Reason.NO_PRIMARY_KEY, "UPDATE heap SET b = 'w' WHERE a = 2"),
            Map.entry(Reason.PRIMARY_KEY_UPDATE, "UPDATE users SET id = 7 WHERE id = 1"),
            Map.entry(Reason.INSERT_WITHOUT_KEY, "INSERT INTO users (name, email) VALUES ('n', 'e')"),
            Map.entry(Reason.INSERT_KEY_NOT_LITERAL, "INSERT INTO seq (id, v) VALUES (NULL, 'v')"),
            Map.entry(Reason.UNPREDICTABLE_WHERE, "DELETE FROM users WHERE id = FLOOR(1 + RAND() * 10)"),
            Map.entry(Reason.LOCK_FUNCTION, "UPDATE users SET name = RELEASE_ALL_LOCKS() WHERE id = 1"),
            Map.entry(Reason.TOLLGATE_SCHEMA, "DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE id = 1"),
            Map.entry(Reason.HIDDEN_CODE, "UPDATE users SET name = 'x' WHERE id = 2 /*M! - 1 */"),
            Map.entry(Reason.MISREAD_COMMENT, "UPDATE users SET name = 'x' WHERE id = 2 # note\r- 1"),
            Map.entry(Reason.USER_VARIABLE, "UPDATE users SET name = (@n := IFNULL(@n, 0) + 1) WHERE id = 1"),
            Map.entry(Reason.TEMPORARY_TABLE, "CREATE TEMPORARY TABLE scratch (id INT PRIMARY KEY)"),
            Map.entry(Reason.REORDERED_TEXT, "UPDATE users SET name = 'x' WHERE id = 2 /* \u202e */ OR id < 100"));

    private StatementReview reviewed(String sql) {
        return reviewer.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD)).statements().get(0);
    }

    @Test
    void everyRefusalOfTheExecutorIsAnErrorWithItsReasonAndTheRollbackSaysRefused() {
        assertThat(EXAMPLES.keySet()).isEqualTo(EnumSet.allOf(Reason.class));
        EXAMPLES.forEach((reason, sql) -> {
            StatementSupport.Refusal expected = StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement(sql), "shop",
                    (database, table) -> null).orElse(null);
            StatementReview review = reviewed(sql);
            assertThat(review.reversibility()).as(sql).isEqualTo(Reversibility.REFUSED_AT_EXECUTION);
            assertThat(review.findings()).as(sql).filteredOn(f -> f.ruleId().equals("execution.refused")).singleElement()
                    .satisfies(f -> {
                        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                        if (expected != null) {
                            // refusals the statement alone explains read exactly as the executor's
                            assertThat(f.message()).contains(expected.message());
                        }
                    });
        });
    }

    @Test
    void whatTheServerReadsOtherwiseIsRefusedInTheExecutorsWordsWithOrWithoutATarget() {
        // ADR 0046: MariaDB runs WHERE id = 2 - 1 where the review, the approver and the before-images read id = 2
        for (String sql : List.of("UPDATE users SET name = 'x' WHERE id = 2 /*M! - 1 */",
                "UPDATE /*+ SET_VAR(sql_mode = 'ANSI_QUOTES') */ users SET name = 'x' WHERE id = 2",
                // ADR 0047: the server reads a comment to its line feed, and "--" with a tab as a comment
                "UPDATE users SET name = 'x' WHERE id = 2 # note\r- 1",
                "UPDATE users SET name = 'x' WHERE id = 2 --\t1")) {
            assertRefusedWithOrWithoutATarget(sql, StatementSupport.readOtherwise(sql).orElseThrow());
        }
    }

    @Test
    void aStatementNamingTheLedgersSchemaIsRefusedInTheExecutorsWords() {
        // ADR 0042: the executor refuses it before anything connects; the review says so, with or without a target
        List<String> naming = List.of(
                "UPDATE tollgate_meta.tollgate_execution_ledger SET rollback_sql = 'DROP TABLE users' WHERE id = 1",
                "DELETE FROM `tollgate_meta`.`tollgate_execution_ledger` WHERE id = 1",
                "UPDATE users SET name = 'x' WHERE id = 1 /* tollgate_meta */",
                "DROP DATABASE TOLLGATE_META",
                "CREATE TRIGGER wipe AFTER INSERT ON users FOR EACH ROW DELETE FROM tollgate_meta.tollgate_execution_ledger",
                "USE tollgate_meta");
        for (String sql : naming) {
            assertRefusedWithOrWithoutATarget(sql,
                    StatementSupport.Ledger.of("tollgate_meta").refusal(sql, "shop").orElseThrow());
        }
    }

    /** The review's one execution.refused ERROR says the executor's refusal, with a target and without one. */
    private void assertRefusedWithOrWithoutATarget(String sql, StatementSupport.Refusal refusal) {
        for (ReviewRequest request : List.of(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD),
                ReviewRequest.ofText(sql, Environment.DEV))) {
            StatementReview review = reviewer.review(request).statements().get(0);
            assertThat(review.findings()).as(sql).filteredOn(f -> f.ruleId().equals("execution.refused"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.level()).isEqualTo(RuleLevel.ERROR);
                        assertThat(f.message()).startsWith("The executor refuses this statement: " + refusal.message()
                                + ".");
                    });
            assertThat(review.reversibility()).as(sql).isEqualTo(Reversibility.REFUSED_AT_EXECUTION);
        }
    }

    @Test
    void aTicketOnTheLedgersSchemaIsRefusedAndOnlyTheConfiguredSchemaCounts() {
        StatementReview inLedger = reviewer.review(new ReviewRequest("UPDATE users SET name = 'x' WHERE id = 1",
                TestReviewers.TARGET, "Tollgate_Meta", Environment.PROD)).statements().get(0);
        assertThat(inLedger.findings()).filteredOn(f -> f.ruleId().equals("execution.refused")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("runs in the schema `tollgate_meta`"));

        BuiltInSqlReviewer elsewhere = new BuiltInSqlReviewer(ReviewProperties.defaults(), TestReviewers.ALL_ON,
                coordinates -> target(),
                io.tollgate.integrations.mysql.execution.ExecutionSettings.defaults().withLedgerSchema("ops_ledger"));
        for (String sql : List.of("DELETE FROM ops_ledger.tollgate_execution_ledger WHERE id = 1",
                "UPDATE users SET name = 'ops_ledger' WHERE id = 1")) {
            assertThat(elsewhere.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD))
                    .statements().get(0).findings()).as(sql).filteredOn(f -> f.ruleId().equals("execution.refused"))
                    .singleElement().satisfies(f -> assertThat(f.message()).contains("`ops_ledger`"));
        }
        // a name that merely contains the schema's, and the default schema when another is configured, are fine
        for (String sql : List.of("UPDATE users SET name = 'tollgate_meta_archive' WHERE id = 1",
                "UPDATE users SET name = 'tollgate_meta' WHERE id = 1")) {
            assertThat(elsewhere.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD))
                    .statements().get(0).findings()).as(sql).extracting(Finding::ruleId)
                    .doesNotContain("execution.refused");
        }
        assertThat(reviewed("UPDATE users SET name = 'tollgate_meta_archive' WHERE id = 1").findings())
                .extracting(Finding::ruleId).doesNotContain("execution.refused");
    }

    @Test
    void aStatementOverTheExecutorsRowLimitIsWarnedOfWithTheConfiguredLimit() {
        // shop.orders: EXPLAIN estimates 2,000,000 rows
        BuiltInSqlReviewer bounded = new BuiltInSqlReviewer(ReviewProperties.defaults(), TestReviewers.ALL_ON,
                coordinates -> target(), io.tollgate.integrations.mysql.execution.ExecutionSettings.defaults()
                .withMaxRowsPerStatement(3_000_000));
        String sql = "UPDATE orders SET status = 2 WHERE status = 1";
        assertThat(reviewed(sql).findings()).filteredOn(f -> f.ruleId().equals("execution.max-rows")).singleElement()
                .satisfies(f -> {
                    assertThat(f.level()).isEqualTo(RuleLevel.WARNING);
                    assertThat(f.message()).contains("an estimated 2000000 rows").contains("more than 100000");
                });
        assertThat(bounded.review(new ReviewRequest(sql, TestReviewers.TARGET, "shop", Environment.PROD))
                .statements().get(0).findings()).extracting(Finding::ruleId).doesNotContain("execution.max-rows");
    }

    @Test
    void statementsTheExecutorRunsAreNotRefused() {
        for (String sql : List.of(
                "UPDATE users SET name = 'x' WHERE id = 1",
                "DELETE FROM orders WHERE id = 2",
                "INSERT INTO users (id, name, email) VALUES (9, 'n', 'e')",
                "INSERT INTO seq (v) VALUES ('generated')",
                "ALTER TABLE heap ADD PRIMARY KEY (a)",
                "CREATE TABLE fresh (id BIGINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'id') COMMENT='f'")) {
            StatementReview review = reviewed(sql);
            assertThat(review.findings()).as(sql).extracting(Finding::ruleId).doesNotContain("execution.refused");
            assertThat(review.reversibility()).as(sql).isNotEqualTo(Reversibility.REFUSED_AT_EXECUTION);
        }
    }

    @Test
    void tablesTheScriptCreatesAreJudgedWithoutATargetOrADatabase() {
        ReviewResult result = reviewer.review(ReviewRequest.ofText("""
                CREATE TABLE t_nopk (a INT NOT NULL DEFAULT 0 COMMENT 'a', b VARCHAR(10) NOT NULL DEFAULT '' COMMENT 'b') COMMENT='t';
                UPDATE t_nopk SET b = 'w' WHERE a = 2;
                ALTER TABLE t_nopk ADD PRIMARY KEY (a);
                UPDATE t_nopk SET b = 'w' WHERE a = 2;
                UPDATE t_nopk SET a = 3 WHERE a = 2;
                UPDATE not_created_here SET b = 'w' WHERE a = 2;
                CREATE TABLE other.keyed (id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id', v INT NOT NULL DEFAULT 0 COMMENT 'v') COMMENT='k';
                INSERT INTO other.keyed (v) VALUES (1);
                INSERT INTO other.keyed (id, v) VALUES (DEFAULT, 1);
                """, Environment.PROD));
        assertThat(result.statements()).extracting(s -> s.findings().stream().anyMatch(f -> f.ruleId().equals("execution.refused")))
                .containsExactly(false, true, false, false, true, false, false, false, true);
        assertThat(result.statements().get(1).reversibility()).isEqualTo(Reversibility.REFUSED_AT_EXECUTION);
        assertThat(result.statements().get(3).reversibility()).isEqualTo(Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES);
    }

    @Test
    void itsLevelCannotBeLoweredBecauseATicketThatPassedReviewMustExecute() {
        BuiltInSqlReviewer lowered = new BuiltInSqlReviewer(ReviewProperties.defaults(),
                environment -> Map.of("execution.refused", RuleLevel.OFF), coordinates -> target());
        StatementReview review = lowered.review(new ReviewRequest("UPDATE heap SET b = 'w' WHERE a = 2", TestReviewers.TARGET,
                "shop", Environment.DEV)).statements().get(0);
        assertThat(review.findings()).filteredOn(f -> f.ruleId().equals("execution.refused"))
                .extracting(Finding::level).containsExactly(RuleLevel.ERROR);
        JpaRuleSettings settings = new JpaRuleSettings(null, null);
        assertThatThrownBy(() -> settings.changeLevel("execution.refused", Environment.DEV, RuleLevel.WARNING, "admin"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("always ERROR");
    }
}
