package io.tollgate.integrations.mysql.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.alibaba.druid.sql.SQLUtils;
import io.tollgate.integrations.mysql.execution.StatementSupport.Reason;
import io.tollgate.integrations.mysql.execution.StatementSupport.Refusal;
import io.tollgate.integrations.mysql.execution.StatementSupport.TableKeys;
import org.junit.jupiter.api.Test;

/**
 * Every reason the executor refuses a statement, decided from the statement and what is known of the table it writes
 * (the executor reads that from the target, the review from its schema view): one definition for both.
 */
class StatementSupportTest {

    /** Database shop: keyed (auto-increment id), pair (composite key, no auto-increment), heap (no primary key). */
    private static final StatementSupport.Tables SHOP = (database, table) -> {
        if (!"shop".equals(database)) {
            return null;
        }
        return switch (table) {
            case "keyed" -> TableKeys.of(List.of("id", "a", "b"), List.of("id"), true);
            case "pair" -> TableKeys.of(List.of("x", "y", "v"), List.of("x", "y"), false);
            case "heap" -> TableKeys.of(List.of("a", "b"), List.of(), false);
            default -> TableKeys.MISSING;
        };
    };

    /** One statement per reason; the test below fails when a reason is added without an example. */
    static final Map<Reason, String> EXAMPLES = Map.ofEntries(
            Map.entry(Reason.NOT_A_CHANGE, "SELECT a FROM keyed WHERE id = 1"),
            Map.entry(Reason.MULTI_TABLE, "UPDATE keyed k JOIN pair p ON p.x = k.id SET k.a = 1 WHERE k.id = 1"),
            Map.entry(Reason.LIMIT, "DELETE FROM keyed WHERE a = 1 LIMIT 1"),
            Map.entry(Reason.REPLACE, "REPLACE INTO keyed (id, a) VALUES (1, 2)"),
            Map.entry(Reason.INSERT_SELECT, "INSERT INTO keyed (a, b) SELECT v, v FROM pair"),
            Map.entry(Reason.INSERT_IGNORE_OR_UPSERT, "INSERT INTO keyed (id, a) VALUES (1, 2) ON DUPLICATE KEY UPDATE a = 2"),
            Map.entry(Reason.SERVER_FILE, "UPDATE keyed SET a = LOAD_FILE('/etc/hostname') WHERE id = 1"),
            Map.entry(Reason.ALTER_IGNORE, "ALTER IGNORE TABLE keyed ADD UNIQUE KEY uk_a (a)"),
            Map.entry(Reason.TABLE_MISSING, "UPDATE nowhere SET a = 1 WHERE id = 1"),
            Map.entry(Reason.NO_PRIMARY_KEY, "UPDATE heap SET b = 'w' WHERE a = 2"),
            Map.entry(Reason.PRIMARY_KEY_UPDATE, "UPDATE pair SET y = 3 WHERE x = 1 AND y = 2"),
            Map.entry(Reason.INSERT_WITHOUT_KEY, "INSERT INTO pair (x, v) VALUES (1, 'v')"),
            Map.entry(Reason.INSERT_KEY_NOT_LITERAL, "INSERT INTO keyed (id, a) VALUES (NULL, 2)"),
            Map.entry(Reason.UNPREDICTABLE_WHERE, "DELETE FROM keyed WHERE id IN (SELECT x FROM pair WHERE RAND() < 0.5)"),
            Map.entry(Reason.LOCK_FUNCTION, "INSERT INTO keyed (id, a) VALUES (5, RELEASE_LOCK('tollgate'))"),
            Map.entry(Reason.TOLLGATE_SCHEMA, "DELETE FROM tollgate_meta.tollgate_execution_ledger WHERE id = 1"),
            Map.entry(Reason.HIDDEN_CODE, "UPDATE keyed SET a = 1 WHERE id = 2 /*M! - 1 */"),
            Map.entry(Reason.MISREAD_COMMENT, "UPDATE keyed SET a = 1 WHERE id = 2 --\t1"),
            Map.entry(Reason.USER_VARIABLE, "UPDATE keyed SET a = (@n := IFNULL(@n, 0) + 1) WHERE id = 1"),
            Map.entry(Reason.TEMPORARY_TABLE, "CREATE TEMPORARY TABLE scratch (id INT PRIMARY KEY)"),
            Map.entry(Reason.REORDERED_TEXT, "UPDATE keyed SET a = 1 WHERE id = 2 /* \u202e */ OR id < 100"));

    private static final StatementSupport.Ledger LEDGER = StatementSupport.Ledger.of("tollgate_meta");

    /** The refusal of a statement of a ticket on shop: the checks of the text first, as the executor does. */
    private static Optional<Refusal> refusal(String sql) {
        Optional<Refusal> ledger = LEDGER.refusal(sql, "shop").or(() -> StatementSupport.readOtherwise(sql));
        return ledger.isPresent() ? ledger
                : StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement(sql), "shop", SHOP);
    }

    @Test
    void theLedgersSchemaIsRefusedAsAWholeWordAnywhereAndAsTheTicketsDatabase() {
        for (String sql : List.of("UPDATE keyed SET a = 1 WHERE id = 1 /*TOLLGATE_META*/",
                "UPDATE keyed SET b = 'tollgate_meta' WHERE id = 1", "DROP DATABASE `tollgate_meta`")) {
            assertThat(LEDGER.refusal(sql, "shop")).as(sql).hasValueSatisfying(r -> assertThat(r.message())
                    .startsWith("the statement names the schema `tollgate_meta`"));
        }
        assertThat(LEDGER.refusal("UPDATE keyed SET b = 'tollgate_meta_x' WHERE id = 1", "shop")).isEmpty();
        assertThat(LEDGER.refusal("UPDATE keyed SET a = 1 WHERE id = 1", "Tollgate_Meta"))
                .hasValueSatisfying(r -> assertThat(r.message()).startsWith("the statement runs in the schema"));
    }

    @Test
    void tollgatesOwnDatabaseIsRefusedLikeTheLedgerWhereItIsKnown() {
        // ADR 0049: where a target instance also hosts Tollgate's database, a ticket must not write it
        StatementSupport.Ledger both = StatementSupport.Ledger.of("tollgate_meta", "tollgate");
        for (String sql : List.of("UPDATE tollgate.sql_ticket SET status = 'EXECUTED' WHERE id = 'T-1'",
                "DELETE FROM `Tollgate`.ACT_RU_TASK", "UPDATE keyed SET b = 'x' WHERE id = 1 /* tollgate */")) {
            assertThat(both.refusal(sql, "shop")).as(sql).hasValueSatisfying(r -> {
                assertThat(r.reason()).isEqualTo(Reason.TOLLGATE_SCHEMA);
                assertThat(r.message()).startsWith("the statement names the schema `tollgate`, which holds Tollgate's"
                        + " own database");
            });
        }
        assertThat(both.refusal("UPDATE ACT_RU_VARIABLE SET TEXT_ = 'true'", "TOLLGATE")).hasValueSatisfying(
                r -> assertThat(r.message()).startsWith("the statement runs in the schema `tollgate`"));
        assertThat(both.refusal("UPDATE tollgate_notes.t SET a = 1 WHERE id = 1", "shop")).isEmpty();
        assertThat(both.refusal("DELETE FROM tollgate_meta.tollgate_execution_ledger", "shop"))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("execution ledger"));
        // any name MySQL takes for Tollgate's database, and none (H2): read from the settings the executor is given
        assertThat(ExecutionSettings.defaults().withTollgateSchema("tollgate-prod").protectedSchemas()
                .refusal("DELETE FROM `tollgate-prod`.ACT_RU_TASK", "shop")).isPresent();
        assertThat(ExecutionSettings.defaults().withTollgateSchema(" ").tollgateSchema()).isNull();
        // a server with lower_case_table_names reads a Kelvin sign as k
        assertThat(StatementSupport.Ledger.of("tollgate_meta", "ops_kv").refusal("DELETE FROM ops_\u212Av.t", "shop"))
                .isPresent();
        // Tollgate's own database elsewhere (H2, the embedded default): nothing more to protect on a target
        assertThat(StatementSupport.Ledger.of("tollgate_meta").refusal("UPDATE tollgate.t SET a = 1", "shop")).isEmpty();
    }

    @Test
    void codeTheServerRunsInACommentIsRefusedWhereverItStands() {
        for (String sql : List.of(
                "UPDATE keyed SET a = 1 WHERE id = 2 /*M! - 1 */",
                "UPDATE keyed SET a = 1 WHERE id = 2 /*m!100000 OR 1 = 1 */",
                "UPDATE keyed SET a = 1 WHERE id = 2 /*!50000 - 1 */",
                "UPDATE keyed SET a = 1 WHERE id = 2 /*!*/",
                "/*!40101 SET @x = 1 */ UPDATE keyed SET a = 1 WHERE id = 2",
                "CREATE TABLE t (id INT PRIMARY KEY) /*!50100 PARTITION BY HASH (id) */",
                "UPDATE /*+ SET_VAR(sql_mode = 'NO_BACKSLASH_ESCAPES') */ keyed SET a = 1 WHERE id = 2",
                "UPDATE keyed SET a = 1 -- a line comment, then\n/*M! WHERE id = 2 */")) {
            assertThat(StatementSupport.hiddenCode(sql)).as(sql).map(Refusal::reason).hasValue(Reason.HIDDEN_CODE);
        }
        // strings, quoted names and plain comments that only mention such a comment are what they are
        for (String sql : List.of(
                "UPDATE keyed SET b = '/*M! x */ /*!1 y */' WHERE id = 2",
                "UPDATE keyed SET `/*!x*/` = 1 WHERE id = 2",
                "UPDATE keyed SET a = 1 WHERE id = 2 /* plain, not /*M! */",
                "UPDATE keyed SET a = 1 WHERE id = 2 -- /*M! - 1 */",
                "UPDATE keyed SET a = 1 WHERE id = 2 # /*!50000 - 1 */",
                "UPDATE /*+ MAX_EXECUTION_TIME(1000) */ keyed SET a = 1 WHERE id = 2")) {
            assertThat(StatementSupport.hiddenCode(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void aCommentWhoseEndTheServerAndTheParserFindElsewhereIsRefused() {
        // ADR 0047: the server reads "--" and any control character as a comment, and a line comment to its line feed
        for (String sql : List.of(
                "UPDATE keyed SET a = 1 WHERE id = 2 --\t1",
                "UPDATE keyed SET a = 1 WHERE id = 2 --\r\n- 1",
                "UPDATE keyed SET a = 1 WHERE id = 2 --\u000b1",
                "UPDATE keyed SET a = 1 WHERE id = 2 --\u007f1",
                "UPDATE keyed SET a = 1 WHERE id = 2 # note\r- 1",
                "UPDATE keyed SET a = 1 WHERE id = 2 -- note\r",
                "UPDATE keyed SET a = 1 WHERE id = 2 #\u001a- 1",
                "UPDATE keyed SET b = 'a''b' WHERE id = 2 /* x */ -- '\r- 1")) {
            assertThat(StatementSupport.readOtherwise(sql)).as(sql).map(Refusal::reason).hasValue(Reason.MISREAD_COMMENT);
        }
        // both read these alike: a space or a line feed after the dashes, Windows line ends, what strings and names hold
        for (String sql : List.of(
                "UPDATE keyed SET a = 1 -- a comment\r\nWHERE id = 2 # another\r\n",
                "UPDATE keyed SET a = 1 WHERE id = 2 --\n",
                "UPDATE keyed SET a = 1 WHERE id = 2 --",
                "UPDATE keyed SET a = 1 WHERE id = 2 -- \tthen a tab",
                "UPDATE keyed SET a = 1 WHERE id = 2 --1",
                "UPDATE keyed SET b = '--\t1 # \r' WHERE id = 2",
                "UPDATE keyed SET b = 'it\\'s --\t' WHERE id = 2",
                "UPDATE keyed SET `a--\t` = 1 WHERE id = 2",
                "UPDATE keyed SET a = 1 /* --\t # \r */ WHERE id = 2",
                "UPDATE keyed SET a = 1\r\nWHERE id = 2")) {
            assertThat(StatementSupport.readOtherwise(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void everyReasonHasAnExampleThatIsRefusedForIt() {
        assertThat(EXAMPLES.keySet()).isEqualTo(EnumSet.allOf(Reason.class));
        EXAMPLES.forEach((reason, sql) -> assertThat(refusal(sql)).as(sql)
                .hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(reason);
                    assertThat(r.message()).isNotBlank();
                }));
    }

    @Test
    void changesWhoseRollbackCanBeBuiltAreSupported() {
        for (String sql : List.of(
                "UPDATE keyed SET a = 1 WHERE id = 1",
                "UPDATE keyed SET a = RAND(), b = @@server_id WHERE id = 1 AND b < NOW() - INTERVAL 1 DAY",
                "DELETE FROM keyed WHERE b < CURRENT_TIMESTAMP AND a = @@session.sql_mode",
                "DELETE FROM shop.pair WHERE x = 1",
                "INSERT INTO keyed (a, b) VALUES (1, 2), (3, 4)",
                "INSERT INTO keyed (id, a) VALUES (-7, 'x')",
                "INSERT INTO pair VALUES ('k', 2, 'v')",
                "INSERT INTO pair SET x = 'k', y = 2, v = 'v'",
                "ALTER TABLE heap ADD PRIMARY KEY (a)",
                "CREATE TABLE t (id INT PRIMARY KEY)",
                "DROP TABLE heap",
                "TRUNCATE TABLE heap")) {
            assertThat(refusal(sql)).as(sql).isEmpty();
        }
    }

    @Test
    void withoutTheTableOnlyTheStatementItselfIsJudged() {
        StatementSupport.Tables unknown = (database, table) -> null;
        assertThat(StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement("UPDATE heap SET b = 'w' WHERE a = 2"),
                null, unknown)).isEmpty();
        assertThat(StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement("UPDATE heap SET b = 'w' WHERE a = 2 LIMIT 1"),
                null, unknown)).map(Refusal::reason).hasValue(Reason.LIMIT);
        assertThat(StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement("USE shop")))
                .map(Refusal::reason).hasValue(Reason.NOT_A_CHANGE);
    }

    @Test
    void qualifiedTablesAreLookedUpInTheirOwnDatabase() {
        assertThat(StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement("UPDATE shop.heap SET b = 1 WHERE a = 2"),
                "other", SHOP)).map(Refusal::reason).hasValue(Reason.NO_PRIMARY_KEY);
        assertThat(StatementSupport.refusal(SQLUtils.parseSingleMysqlStatement("UPDATE heap SET b = 1 WHERE a = 2"),
                "other", SHOP)).isEmpty();
    }

    /**
     * Text that shows otherwise than the server reads it (a helper's finding: an override and isolates in a comment made
     * "OR id < 100" look like part of the comment) is refused wherever it is; a right-to-left mark in data is not.
     */
    @Test
    void charactersThatReorderTheShownTextAreRefusedWherever() {
        for (String sql : List.of(
                "UPDATE keyed SET a = 1 WHERE id = 2 /* \u202e \u2066*/ OR id < 100 /*\u2069 \u2066 */",
                "UPDATE keyed SET b = 'abc\u2067' WHERE id = 2",
                "UPDATE keyed SET a = 1 WHERE id = 2 -- \u202a\n")) {
            assertThat(StatementSupport.readOtherwise(sql)).as(sql).hasValueSatisfying(r -> {
                assertThat(r.reason()).isEqualTo(Reason.REORDERED_TEXT);
                assertThat(r.message()).contains("U+20").contains("line 1, column").contains("X'E2");
            });
        }
        assertThat(StatementSupport.readOtherwise("UPDATE keyed SET b = '\u05e9\u05dc\u05d5\u05dd\u200f' WHERE id = 2"))
                .isEmpty();
    }

    @Test
    void keyValuesMustBeLiteralsTheExecutorCanFindTheRowsBy() {
        for (String value : Set.of("NULL", "DEFAULT", "UUID()", "1 + 1")) {
            assertThat(refusal("INSERT INTO keyed (id, a) VALUES (5, 'a'), (" + value + ", 'b')")).as(value)
                    .map(Refusal::reason).hasValue(Reason.INSERT_KEY_NOT_LITERAL);
        }
        // a user variable is refused anywhere, before the key is looked at
        assertThat(refusal("INSERT INTO keyed (id, a) VALUES (5, 'a'), (@next, 'b')")).map(Refusal::reason)
                .hasValue(Reason.USER_VARIABLE);
    }
}
