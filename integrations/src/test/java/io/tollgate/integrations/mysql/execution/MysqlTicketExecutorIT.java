package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.execution.internal.RunLocks;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The executor against the machine's MariaDB/MySQL, each test in its own target database and ledger schema. */
class MysqlTicketExecutorIT {

    static final String HOST = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_PORT", "3306"));
    static final String USER = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_USER", "root");
    static final String PASSWORD = System.getenv().getOrDefault("TOLLGATE_IT_MYSQL_PASSWORD", "");

    final String db = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String meta = db + "_meta";
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(meta).withLockWait(Duration.ZERO);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);

    @BeforeEach
    void createTarget() throws SQLException {
        sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.account (id INT AUTO_INCREMENT PRIMARY KEY, owner VARCHAR(40) NOT NULL,"
                        + " balance DECIMAL(12,2), note TEXT, photo BLOB, updated DATETIME(6), flag TINYINT(1))",
                "CREATE TABLE `" + db + "`.membership (team VARCHAR(20), member INT, since DATE, role VARCHAR(20),"
                        + " PRIMARY KEY (team, member))",
                "INSERT INTO `" + db + "`.account (owner, balance, note, photo, updated, flag) VALUES"
                        + " ('ann', 10.50, 'it''s \\\\ a\\nline', X'00FF10', '2024-01-02 03:04:05.123456', 1),"
                        + " ('bob', 20.00, NULL, NULL, NULL, 0),"
                        + " ('cyd', -3.25, 'tab\\there \"q\"', X'', '1999-12-31 23:59:59.000001', 7)",
                "INSERT INTO `" + db + "`.membership VALUES ('red', 1, '2020-01-01', 'lead'), ('red', 2, NULL, 'dev'),"
                        + " ('blue', 1, '2021-05-05', NULL)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + meta + "`");
    }

    @Test
    void approvedDmlExecutesAndIsRecordedDone() throws SQLException {
        ExecutionReport report = executor.execute("T-1", db, List.of(
                "UPDATE account SET balance = balance + 1 WHERE owner = 'bob'",
                "DELETE FROM membership WHERE team = 'blue'",
                "INSERT INTO account (owner, balance) VALUES ('dan', 5), ('eve', 6)"));

        assertThat(report.completed()).isTrue();
        assertThat(report.statements()).extracting(StatementOutcome::affectedRows).containsExactly(1L, 1L, 2L);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE owner = 'bob'")).isEqualTo("21.00");
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.membership")).isEqualTo("2");
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.account")).isEqualTo("5");
        assertThat(scalar("SELECT GROUP_CONCAT(state ORDER BY statement_index) FROM `" + meta
                + "`.tollgate_execution_ledger WHERE ticket_id = 'T-1'")).isEqualTo("DONE,DONE,DONE");
    }

    @Test
    void aStatementChangingMoreRowsThanTheLimitIsRefusedBeforeItRunsSoItsImagesNeverFillTheMemory() throws SQLException {
        // the review's estimate may be wrong, its level lowered, or the table grown since: the executor bounds itself
        MysqlTicketExecutor bounded = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
                settings.withMaxRowsPerStatement(2));
        String before = scalar("SELECT GROUP_CONCAT(CONCAT(id, ':', balance) ORDER BY id) FROM `" + db + "`.account");

        ExecutionReport report = bounded.execute("T-MAX", db, List.of(
                "UPDATE account SET flag = 9 WHERE id = 1",
                "UPDATE account SET balance = 0 WHERE balance IS NOT NULL",
                "DELETE FROM account WHERE id > 0"));

        assertThat(report.statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.EXECUTED, Status.FAILED, Status.NOT_RUN);
        assertThat(report.statements().get(1).message()).contains("more than 2 rows")
                .contains("tollgate.tickets.max-rows-per-statement").contains("split");
        assertThat(scalar("SELECT GROUP_CONCAT(CONCAT(id, ':', balance) ORDER BY id) FROM `" + db + "`.account"))
                .isEqualTo(before);
        // at the limit, it runs
        assertThat(bounded.execute("T-MAX2", db, List.of("DELETE FROM account WHERE id IN (2, 3)")).completed())
                .isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.account")).isEqualTo("1");
        assertThat(bounded.rollback("T-MAX2").completed()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.account")).isEqualTo("3");
    }

    @Test
    void aRunThatReturnedHoldsNoLockSoTheNextRunStartsAtOnce() throws SQLException {
        // the lock wait is zero: a run lock the server frees only as it processes the last run's disconnect would
        // make the next run stop as "still executing" (RollbackConflictIT did once in CI; a race, so rarely)
        for (int i = 0; i < 30; i++) {
            String ticket = "T-END-" + db + "-" + i;
            ExecutionReport executed = executor.execute(ticket, db,
                    List.of("UPDATE account SET flag = " + (i % 100 + 1) + " WHERE owner = 'bob'"));
            assertThat(executed.completed()).as("the execution of %s: %s", ticket, executed.statements()).isTrue();
            assertThat(executor.running(ticket)).as("after the execution of %s", ticket).isFalse();
            assertThat(executor.rollback(ticket).completed()).as("the rollback right after %s", ticket).isTrue();
            assertThat(executor.running(ticket)).as("after the rollback of %s", ticket).isFalse();
        }
        assertThat(scalar("SELECT flag FROM `" + db + "`.account WHERE owner = 'bob'")).isEqualTo("0");
    }

    @Test
    void executingTwiceRunsEachStatementOnce() throws SQLException {
        List<String> ticket = List.of(
                "UPDATE account SET balance = balance + 100 WHERE id = 1",
                "INSERT INTO account (owner) VALUES ('once')",
                "CREATE TABLE audit_once (id INT PRIMARY KEY)");

        ExecutionReport first = executor.execute("T-2", db, ticket);
        ExecutionReport second = executor.execute("T-2", db, ticket);

        assertThat(first.statements()).extracting(StatementOutcome::status).containsOnly(Status.EXECUTED);
        assertThat(second.statements()).extracting(StatementOutcome::status).containsOnly(Status.ALREADY_DONE);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 1")).isEqualTo("110.50");
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.account WHERE owner = 'once'")).isEqualTo("1");
    }

    @Test
    void aLedgerDroppedAfterThisJvmMadeItFailsTheNextRunVisiblyAndTheRunAfterMakesItAgain() throws SQLException {
        List<String> ticket = List.of("UPDATE account SET balance = balance + 100 WHERE id = 1");
        executor.execute("T-L", db, ticket);
        sql("DROP TABLE `" + meta + "`.tollgate_execution_ledger");
        // another executor on the same server: the ledger is known per server in this JVM, not per executor
        MysqlTicketExecutor next = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
                settings);

        // an empty ledger made afresh would say nothing ran, and the UPDATE would run a second time
        assertThatThrownBy(() -> next.execute("T-L", db, ticket))
                .isInstanceOf(TicketExecutionException.class).hasMessageContaining("tollgate_execution_ledger");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 1")).isEqualTo("110.50");

        // the failure is not remembered as a ledger in place: the next run makes it again and records itself there
        assertThat(next.execute("T-M", db, List.of("UPDATE account SET balance = balance + 1 WHERE id = 2"))
                .completed()).isTrue();
        assertThat(scalar("SELECT state FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-M'"))
                .isEqualTo("DONE");
    }

    @Test
    void aFinishedRunHandsOverItsRecordedRollbackAPageAtATimeBeforeItsConnectionCloses() {
        MysqlTicketExecutor paged = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
                settings.withLedgerPage(2));
        List<List<RecordedInverse>> pages = new ArrayList<>();

        int count = paged.execute("T-P", db, List.of(
                        "UPDATE account SET balance = 1 WHERE id = 1",
                        "UPDATE account SET balance = 2 WHERE id = 2",
                        "UPDATE account SET balance = 3 WHERE id = 3"), ExecutionProgress.NONE,
                (report, recordedRollback) -> report.completed() ? recordedRollback.forEachPage(pages::add) : -1);

        assertThat(count).isEqualTo(3);
        assertThat(pages).extracting(List::size).containsExactly(2, 1);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(paged.recordedRollback("T-P"))
                .extracting(RecordedInverse::index).containsExactly(3, 2, 1);
    }

    @Test
    void aStatementChangedAfterExecutionBeganIsNeitherSkippedNorRerun() throws SQLException {
        executor.execute("T-9", db, List.of("UPDATE account SET balance = balance + 1 WHERE id = 2"));

        ExecutionReport again = executor.execute("T-9", db, List.of("UPDATE account SET balance = balance + 5 WHERE id = 2"));

        assertThat(again.stoppedAt().orElseThrow().message()).contains("differs from the one an earlier run");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("21.00");
        assertThat(scalar("SELECT state FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-9'")).isEqualTo("DONE");
    }

    @Test
    void failingThirdStatementStopsAndRollbackRestoresTheDataExactly() throws SQLException {
        String before = dump();
        List<String> checksums = checksums();

        ExecutionReport report = executor.execute("T-3", db, List.of(
                "UPDATE account SET note = 'x\ny', photo = X'AB', updated = NOW(6), flag = 0 WHERE balance > 0",
                "DELETE FROM membership WHERE team = 'red'",
                "UPDATE account SET no_such_column = 1",
                "INSERT INTO membership VALUES ('green', 9, NULL, NULL)",
                "DELETE FROM account"));

        assertThat(report.statements()).extracting(StatementOutcome::status).containsExactly(
                Status.EXECUTED, Status.EXECUTED, Status.FAILED, Status.NOT_RUN, Status.NOT_RUN);
        assertThat(report.stoppedAt()).get().satisfies(s -> {
            assertThat(s.index()).isEqualTo(3);
            assertThat(s.message()).contains("statement 3 failed").contains("no_such_column");
        });
        assertThat(scalar("SELECT state FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-3'"
                + " AND statement_index = 3")).isEqualTo("FAILED");
        assertThat(dump()).isNotEqualTo(before);

        ExecutionReport rollback = executor.rollback("T-3");

        assertThat(rollback.statements()).extracting(StatementOutcome::index).containsExactly(2, 1);
        assertThat(rollback.completed()).isTrue();
        assertThat(dump()).isEqualTo(before);
        assertThat(checksums()).isEqualTo(checksums);
        assertThatThrownBy(() -> executor.execute("T-3", db, List.of("DELETE FROM account")))
                .isInstanceOf(TicketExecutionException.class).hasMessageContaining("rolled back");
        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void aStatementFailingInsideAGroupOfCommitsLeavesTheOnesBeforeItDoneAndARetryRunsTheRestOnce() throws SQLException {
        String before = dump();
        List<String> ticket = new java.util.ArrayList<>();
        for (int i = 1; i <= 250; i++) {
            ticket.add(i == 170 ? "INSERT INTO membership VALUES ('red', 1, NULL, 'twice')"
                    : "UPDATE account SET balance = balance + 1 WHERE id = " + (1 + i % 3));
        }

        ExecutionReport first = executor.execute("T-G", db, ticket);

        assertThat(first.statements()).hasSize(250);
        assertThat(first.statements().subList(0, 169)).extracting(StatementOutcome::status).containsOnly(Status.EXECUTED);
        assertThat(first.stoppedAt().orElseThrow().index()).isEqualTo(170);
        assertThat(first.statements().subList(170, 250)).extracting(StatementOutcome::status).containsOnly(Status.NOT_RUN);
        assertThat(scalar("SELECT CONCAT(SUM(state = 'DONE'), '/', SUM(state = 'FAILED'), '/', COUNT(*)) FROM `" + meta
                + "`.tollgate_execution_ledger WHERE ticket_id = 'T-G'")).isEqualTo("169/1/170");
        assertThat(scalar("SELECT SUM(balance) FROM `" + db + "`.account")).as("169 increments, each once")
                .isEqualTo("196.25");

        sql("DELETE FROM `" + db + "`.membership WHERE team = 'red' AND member = 1");
        ExecutionReport retry = executor.execute("T-G", db, ticket);

        assertThat(retry.statements().subList(0, 169)).extracting(StatementOutcome::status).containsOnly(Status.ALREADY_DONE);
        assertThat(retry.statements().subList(169, 250)).extracting(StatementOutcome::status).containsOnly(Status.EXECUTED);
        assertThat(scalar("SELECT SUM(balance) FROM `" + db + "`.account")).as("249 increments, each once")
                .isEqualTo("276.25");

        assertThat(executor.rollback("T-G").completed()).isTrue();
        sql("INSERT INTO `" + db + "`.membership VALUES ('red', 1, '2020-01-01', 'lead')");
        assertThat(dump()).isEqualTo(before);
    }

    /**
     * A DBA's abort stops a run of DML between statements: a helper's DBA aborted a ticket of 5,000 UPDATEs (204, the
     * trail said so) and all 5,000 ran. What ran stays, recorded; the statement it stopped before is FAILED with
     * nothing of it run, and a retry runs the rest, each once.
     */
    @Test
    void anAbortStopsARunOfDmlBetweenStatementsAndARetryRunsTheRestOnce() throws SQLException {
        List<String> ticket = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            ticket.add("UPDATE account SET balance = balance + 1 WHERE id = 2");
        }
        ExecutionProgress abortAfter120 = new ExecutionProgress() {
            int started;

            @Override
            public void statementStarted(int index) {
                started = index;
            }

            @Override
            public boolean abortRequested() {
                return started >= 120;
            }
        };

        ExecutionReport aborted = executor.execute("T-AB", db, ticket, abortAfter120);

        assertThat(aborted.completed()).isFalse();
        assertThat(aborted.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(121);
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.message()).contains("aborted");
        });
        assertThat(aborted.statements().subList(0, 120)).extracting(StatementOutcome::status)
                .containsOnly(Status.EXECUTED);
        assertThat(aborted.statements().subList(121, 300)).extracting(StatementOutcome::status)
                .containsOnly(Status.NOT_RUN);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("140.00");
        assertThat(scalar("SELECT COUNT(*) FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-AB'"))
                .as("nothing recorded of the statement it stopped before").isEqualTo("120");

        // aborted again before the retry's first statement: it stops there, what ran before counted as done
        ExecutionProgress abortNow = new ExecutionProgress() {
            @Override
            public boolean abortRequested() {
                return true;
            }
        };
        ExecutionReport abortedAgain = executor.execute("T-AB", db, ticket, abortNow);
        assertThat(abortedAgain.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(121);
            assertThat(s.message()).contains("aborted");
        });
        assertThat(abortedAgain.statements().subList(0, 120)).extracting(StatementOutcome::status)
                .doesNotContain(Status.FAILED, Status.EXECUTED);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("140.00");

        ExecutionReport retry = executor.execute("T-AB", db, ticket);

        assertThat(retry.completed()).as(retry.toString()).isTrue();
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("320.00");

        // its rollback tells how far it got after each statement it undoes, for the ticket's page
        List<Integer> undone = new java.util.ArrayList<>();
        ExecutionReport rolledBack = executor.rollback("T-AB", io.tollgate.integrations.mysql.execution.ConflictPolicy.STOP,
                new ExecutionProgress() {
            @Override
            public void rolledBack(int count, int total) {
                assertThat(total).isEqualTo(300);
                undone.add(count);
            }
        });
        assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
        assertThat(undone).hasSize(300).startsWith(1, 2, 3).endsWith(299, 300);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("20.00");

        // a queued ticket aborted before its run: nothing of it runs
        ExecutionReport abortedBeforeItRan = executor.execute("T-AB0", db, ticket.subList(0, 3), abortNow);
        assertThat(abortedBeforeItRan.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(Status.FAILED);
        });
        assertThat(abortedBeforeItRan.statements().subList(1, 3)).extracting(StatementOutcome::status)
                .containsOnly(Status.NOT_RUN);
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).as("nothing ran").isEqualTo("20.00");
        assertThat(scalar("SELECT COUNT(*) FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'T-AB0'"))
                .isEqualTo("0");
    }

    @Test
    void updateDeleteAndInsertEachRollBackExactlyAndOnlyOnce() throws SQLException {
        String before = dump();
        List<String> checksums = checksums();
        List<List<String>> tickets = List.of(
                List.of("UPDATE account SET owner = CONCAT(owner, '!'), note = 'n''\\\\', balance = NULL, photo = NULL"),
                List.of("DELETE FROM account WHERE id IN (1, 3)", "DELETE FROM membership"),
                List.of("UPDATE account SET balance = 0 WHERE note LIKE 'it''s \\\\\\\\%' OR note = 'tab\\there \"q\"'"),
                List.of("INSERT INTO account (owner, photo) VALUES ('new', X'0102')",
                        "INSERT INTO membership (team, member, role) VALUES ('zed', 4, 'x'), ('zed', 5, 'y')",
                        "INSERT INTO account VALUES (99, 'explicit', 1, NULL, NULL, NULL, NULL)"));
        for (int t = 0; t < tickets.size(); t++) {
            String ticketId = "T-4-" + t;
            assertThat(executor.execute(ticketId, db, tickets.get(t)).completed()).isTrue();
            assertThat(dump()).isNotEqualTo(before);

            assertThat(executor.rollback(ticketId).completed()).isTrue();
            assertThat(dump()).as("after rolling back %s", tickets.get(t)).isEqualTo(before);
            assertThat(checksums()).isEqualTo(checksums);

            ExecutionReport again = executor.rollback(ticketId);
            assertThat(again.statements()).extracting(StatementOutcome::status).containsOnly(Status.ALREADY_DONE);
            assertThat(dump()).isEqualTo(before);
        }
    }

    @Test
    void rollbackRestoresEveryColumnTypeExactly() throws SQLException {
        sql("CREATE TABLE `" + db + "`.kinds (k BIGINT UNSIGNED PRIMARY KEY, f FLOAT, d DOUBLE, b BIT(5), e ENUM('a','b'),"
                        + " st SET('x','y'), j JSON, t TIME(3), y YEAR, emoji VARCHAR(10), vb VARBINARY(8), ts TIMESTAMP(6) NULL,"
                        + " g INT AS (k * 2) VIRTUAL)",
                "INSERT INTO `" + db + "`.kinds (k, f, d, b, e, st, j, t, y, emoji, vb, ts) VALUES"
                        + " (18446744073709551615, 0.1, 1e-300, b'10101', 'b', 'x,y', '{\"a\": [1, \"\\\\n\"]}',"
                        + " '-838:59:59.000', 2155, '\u00e9\ud83d\ude00', X'00275C0A', '2030-01-01 00:00:00.5'),"
                        + " (1, -3.4e38, NULL, b'0', 'a', '', NULL, '00:00:00.001', 1901, '', X'', NULL)");
        String before = dump("SELECT * FROM `" + db + "`.kinds ORDER BY k");
        String checksum = scalar2("CHECKSUM TABLE `" + db + "`.kinds");

        assertThat(executor.execute("T-10", db, List.of(
                "UPDATE kinds SET f = 1, d = 2, b = b'1', e = 'a', st = 'y', j = '[]', t = '01:02:03', y = 2000,"
                        + " emoji = 'x', vb = X'01', ts = NOW()",
                "DELETE FROM kinds WHERE k = 1")).stoppedAt()).isEmpty();
        assertThat(executor.rollback("T-10").stoppedAt()).isEmpty();

        assertThat(dump("SELECT * FROM `" + db + "`.kinds ORDER BY k")).isEqualTo(before);
        assertThat(scalar2("CHECKSUM TABLE `" + db + "`.kinds")).isEqualTo(checksum);
    }

    @Test
    void createTableRollsBackToDrop() throws SQLException {
        ExecutionReport report = executor.execute("T-5", db, List.of(
                "CREATE TABLE extra (id INT PRIMARY KEY, v VARCHAR(10))",
                "INSERT INTO extra VALUES (1, 'a')"));
        assertThat(report.completed()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM `" + db + "`.extra")).isEqualTo("1");

        assertThat(executor.rollback("T-5").completed()).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'extra'")).isEqualTo("0");
    }

    @Test
    void addedColumnsAndIndexesRollBackToTheTableDefinitionBefore() throws SQLException {
        String before = scalar2("SHOW CREATE TABLE `" + db + "`.account");
        ExecutionReport report = executor.execute("T-11", db, List.of(
                "ALTER TABLE account ADD COLUMN tier INT NOT NULL DEFAULT 0, ADD COLUMN code VARCHAR(5) AFTER owner",
                "ALTER TABLE account ADD INDEX ix_tier (tier)",
                "CREATE INDEX ix_code ON account (code)"));
        assertThat(report.completed()).isTrue();
        assertThat(scalar2("SHOW CREATE TABLE `" + db + "`.account")).isNotEqualTo(before);

        assertThat(executor.rollback("T-11").completed()).isTrue();
        assertThat(scalar2("SHOW CREATE TABLE `" + db + "`.account")).isEqualTo(before);

        // a narrowing MODIFY has no safe inverse (it would not give back the values it cut): rollback says so
        assertThat(executor.execute("T-12", db, List.of("ALTER TABLE account MODIFY COLUMN owner VARCHAR(5) NOT NULL"))
                .completed()).isTrue();
        assertThat(executor.rollback("T-12").statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.IRREVERSIBLE);
    }

    /**
     * Table options ride along with an ALTER's items (Druid keeps them apart): the inverse of the items alone would
     * claim to give the table back while it stays on the new engine or character set. A BLACKHOLE engine discards
     * every row, which no inverse gives back.
     */
    @Test
    void anAlterThatChangesTableOptionsHasNoInverse() throws SQLException {
        int n = 0;
        for (String alter : List.of("ALTER TABLE account ADD COLUMN tier INT NOT NULL DEFAULT 0, ENGINE=MyISAM",
                "ALTER TABLE account ENGINE=InnoDB", "ALTER TABLE account ADD INDEX ix_o (owner), COMMENT='accounts'")) {
            String ticket = "T-OPT" + ++n;
            ExecutionReport report = executor.execute(ticket, db, List.of(alter));
            assertThat(report.completed()).as(report.toString()).isTrue();
            String after = scalar2("SHOW CREATE TABLE `" + db + "`.account");

            ExecutionReport rollback = executor.rollback(ticket);

            assertThat(rollback.statements()).extracting(StatementOutcome::status)
                    .as(alter + ": nothing claims to undo what it cannot: " + rollback)
                    .containsExactly(Status.IRREVERSIBLE);
            assertThat(scalar2("SHOW CREATE TABLE `" + db + "`.account")).as("nothing half undone").isEqualTo(after);
        }
    }

    @Test
    void modifiedColumnsRollBackToTheirFullPreviousDefinition() throws SQLException {
        sql("CREATE TABLE `" + db + "`.doc (id INT PRIMARY KEY, body TEXT CHARACTER SET latin1 COLLATE latin1_bin"
                        + " COMMENT 'latin', j JSON, kind ENUM('a','b') NOT NULL DEFAULT 'b', at DATETIME(3)"
                        + " DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), n SMALLINT UNSIGNED)",
                "INSERT INTO `" + db + "`.doc VALUES (1, 'caf\u00e9', '{\"k\": [1, 2]}', 'a', '2024-05-06 07:08:09.123', 65535),"
                        + " (2, NULL, NULL, 'b', NULL, NULL)");
        List<String> before = List.of(shape("account"), shape("doc"));

        ExecutionReport report = executor.execute("T-13", db, List.of(
                "ALTER TABLE account MODIFY COLUMN owner VARCHAR(60) NULL DEFAULT 'x' COMMENT 'who' FIRST",
                "ALTER TABLE account MODIFY balance DECIMAL(16,4), MODIFY flag INT NOT NULL DEFAULT 0",
                "ALTER TABLE doc MODIFY body MEDIUMTEXT CHARACTER SET latin1 COLLATE latin1_bin,"
                        + " MODIFY COLUMN kind ENUM('a','b','c') NULL, MODIFY at DATETIME(6) NULL",
                "ALTER TABLE doc MODIFY j LONGTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, MODIFY n INT UNSIGNED AFTER id"));

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(scalar("SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 'account'")).startsWith("owner,id,");
        assertThat(scalar("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'doc' AND COLUMN_NAME = 'kind'")).isEqualTo("enum('a','b','c')");
        assertThat(List.of(shape("account"), shape("doc"))).isNotEqualTo(before);
        assertThat(executor.recordedRollback("T-13")).extracting(RecordedInverse::sql).doesNotContainNull();

        ExecutionReport rollback = executor.rollback("T-13");

        assertThat(rollback.completed()).as("%s", rollback).isTrue();
        assertThat(List.of(shape("account"), shape("doc"))).isEqualTo(before);
    }

    @Test
    void changedColumnsRollBackToTheirOldNameAndDefinition() throws SQLException {
        List<String> before = List.of(shape("account"), shape("membership"));

        ExecutionReport report = executor.execute("T-14", db, List.of(
                "ALTER TABLE account CHANGE COLUMN note remark MEDIUMTEXT AFTER id",
                "ALTER TABLE membership CHANGE role `position` VARCHAR(30) COMMENT 'in the team'",
                "ALTER TABLE account CHANGE owner holder VARCHAR(40) NOT NULL"));

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(scalar("SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 'account'")).startsWith("id,remark,holder,");
        assertThat(scalar("SELECT `position` FROM `" + db + "`.membership WHERE team = 'red' AND member = 1")).isEqualTo("lead");

        assertThat(executor.rollback("T-14").completed()).isTrue();
        assertThat(List.of(shape("account"), shape("membership"))).isEqualTo(before);
    }

    @Test
    void renamedTablesAndColumnsRollBackToTheirOldNames() throws SQLException {
        List<String> before = List.of(shape("account"), shape("membership"));

        ExecutionReport report = executor.execute("T-15", db, List.of(
                "RENAME TABLE membership TO member_of",
                "ALTER TABLE account RENAME TO accounts",
                "ALTER TABLE accounts RENAME COLUMN owner TO holder, RENAME COLUMN flag TO active",
                "ALTER TABLE member_of RENAME AS teams"));

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(scalar("SELECT GROUP_CONCAT(TABLE_NAME ORDER BY TABLE_NAME) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + db + "'")).isEqualTo("accounts,teams");
        assertThat(scalar("SELECT holder FROM `" + db + "`.accounts WHERE id = 2")).isEqualTo("bob");

        assertThat(executor.rollback("T-15").completed()).isTrue();
        assertThat(List.of(shape("account"), shape("membership"))).isEqualTo(before);
    }

    @Test
    void droppedIndexesAreRecreatedFromTheirPreviousDefinition() throws SQLException {
        sql("ALTER TABLE `" + db + "`.account ADD UNIQUE KEY uq_owner (owner, id), ADD KEY ix_note (note(20), balance DESC)"
                + " COMMENT 'prefix'", "CREATE INDEX ix_since ON `" + db + "`.membership (since)");
        List<String> before = List.of(shape("account"), shape("membership"));

        ExecutionReport report = executor.execute("T-16", db, List.of(
                "ALTER TABLE account DROP INDEX ix_note",
                "DROP INDEX ix_since ON membership",
                "ALTER TABLE account DROP KEY uq_owner"));

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db
                + "' AND INDEX_NAME <> 'PRIMARY'")).isEqualTo("0");

        assertThat(executor.rollback("T-16").completed()).isTrue();
        assertThat(List.of(shape("account"), shape("membership"))).isEqualTo(before);
    }

    @Test
    void columnChangesThatCouldLoseDataHaveNoInverseAndRollbackStopsThere() throws SQLException {
        List<String> lossy = List.of(
                "ALTER TABLE account MODIFY balance DECIMAL(12,1)",
                "ALTER TABLE account MODIFY updated DATETIME",
                "ALTER TABLE account MODIFY owner VARCHAR(40) CHARACTER SET latin1 NOT NULL",
                "ALTER TABLE account MODIFY flag TINYINT UNSIGNED",
                "ALTER TABLE account CHANGE note remark VARCHAR(100)",
                "ALTER TABLE account MODIFY owner VARCHAR(40) NOT NULL FIRST, MODIFY photo BLOB AFTER owner");
        for (int i = 0; i < lossy.size(); i++) {
            String ticketId = "T-17-" + i;
            String before = shape("account");
            assertThat(executor.execute(ticketId, db, List.of(lossy.get(i))).completed()).as(lossy.get(i)).isTrue();
            assertThat(executor.recordedRollback(ticketId)).as(lossy.get(i)).extracting(RecordedInverse::sql).containsOnlyNulls();
            String after = shape("account");
            assertThat(after).as(lossy.get(i)).isNotEqualTo(before);

            assertThat(executor.rollback(ticketId).statements()).extracting(StatementOutcome::status)
                    .containsExactly(Status.IRREVERSIBLE);
            assertThat(shape("account")).isEqualTo(after);
        }
        // a change that fails on the data (NULLs into NOT NULL) runs in strict mode: it fails, nothing is converted
        String before = shape("membership");
        ExecutionReport failing = executor.execute("T-18", db, List.of("ALTER TABLE membership MODIFY role VARCHAR(20) NOT NULL"));
        assertThat(failing.stoppedAt().orElseThrow().status()).isEqualTo(Status.FAILED);
        assertThat(shape("membership")).isEqualTo(before);
    }

    /**
     * A TIMESTAMP that holds NULL made NOT NULL: the server puts the current time in its NULLs, with no error in
     * strict mode. Its inverse would give the type back and not the NULLs: none is recorded, the rollback says so.
     */
    @Test
    void aTimestampMadeNotNullHasNoInverse() throws SQLException {
        sql("CREATE TABLE `" + db + "`.stamp (id INT PRIMARY KEY, seen TIMESTAMP NULL DEFAULT NULL)",
                "INSERT INTO `" + db + "`.stamp VALUES (1, NULL), (2, '2024-01-02 03:04:05')");

        ExecutionReport report = executor.execute("T-19", db, List.of("ALTER TABLE stamp MODIFY seen TIMESTAMP NOT NULL"));

        assertThat(report.completed()).as("%s", report).isTrue();
        assertThat(scalar("SELECT seen IS NULL FROM `" + db + "`.stamp WHERE id = 1")).as("the NULL replaced")
                .isEqualTo("0");
        assertThat(executor.recordedRollback("T-19")).extracting(RecordedInverse::sql).containsOnlyNulls();
        String after = shape("stamp");
        assertThat(executor.rollback("T-19").statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.IRREVERSIBLE);
        assertThat(shape("stamp")).isEqualTo(after);
    }

    @Test
    void ddlLeftStartedIsReportedInFlightAndNotRerun() throws SQLException {
        // what a node that died while running the ALTER leaves behind: statement 1 DONE (and sealed: it ran), the
        // ALTER recorded STARTED
        assertThat(executor.execute("T-6", db, List.of("UPDATE account SET balance = balance + 1 WHERE id = 2"))
                .completed()).isTrue();
        sql("INSERT INTO `" + meta + "`.tollgate_execution_ledger (ticket_id, phase, statement_index, target_database,"
                + " kind, state, statement_sql, started_at) VALUES ('T-6', 'EXECUTE', 2, '" + db + "', 'DDL', 'STARTED',"
                + " 'ALTER TABLE account ADD COLUMN extra INT', NOW(6))");

        ExecutionReport report = executor.execute("T-6", db, List.of(
                "UPDATE account SET balance = balance + 1 WHERE id = 2",
                "ALTER TABLE account ADD COLUMN extra INT",
                "UPDATE account SET balance = 0 WHERE id = 3"));

        assertThat(report.statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.ALREADY_DONE, Status.IN_FLIGHT, Status.NOT_RUN);
        assertThat(report.stoppedAt().orElseThrow().message()).contains("outcome unknown").contains("not re-run");
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'account' AND COLUMN_NAME = 'extra'")).isEqualTo("0");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).as("statement 1 ran once")
                .isEqualTo("21.00");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 3")).isEqualTo("-3.25");

        assertThat(executor.rollback("T-6").statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.IN_FLIGHT, Status.NOT_RUN);
    }

    @Test
    void aSecondRunOfTheSameTicketWhileTheFirstGoesOnRunsNothingAndIsNotAFailure() throws Exception {
        // a job whose lock expired is run again while its first run still executes: same ticket, two runs
        MysqlTicketExecutor again = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);
        List<String> script = List.of("UPDATE account SET balance = balance + 1 WHERE id = 2",
                "UPDATE account SET balance = balance + 1 WHERE id = 1");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection blocker = connection(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT * FROM `" + db + "`.account WHERE id = 1 FOR UPDATE").close();
            Future<ExecutionReport> first = pool.submit(() -> executor.execute("T-R", db, script));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    scalar("SELECT IS_USED_LOCK('" + MysqlTicketExecutor.runLockName("T-R") + "')") != null);

            assertThatThrownBy(() -> again.execute("T-R", db, script))
                    .isInstanceOf(TicketStillRunningException.class)
                    .hasMessageContaining("ticket T-R is still executing")
                    .hasMessageContaining("nothing was run by this attempt");
            assertThatThrownBy(() -> again.rollback("T-R")).isInstanceOf(TicketStillRunningException.class);

            blocker.commit();
            assertThat(first.get(20, TimeUnit.SECONDS).statements()).extracting(StatementOutcome::status)
                    .containsExactly(Status.EXECUTED, Status.EXECUTED);
            // the retry of the second run finds everything done, and each statement ran once
            assertThat(again.execute("T-R", db, script).statements()).extracting(StatementOutcome::status)
                    .containsExactly(Status.ALREADY_DONE, Status.ALREADY_DONE);
            assertThat(scalar("SELECT GROUP_CONCAT(balance ORDER BY id) FROM `" + db + "`.account"))
                    .isEqualTo("11.50,21.00,-3.25");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRunThatResumesSaysWhereAndTheLedgerTellsWhatIsDoneAndWhetherARunHoldsTheTicket() throws Exception {
        List<String> script = List.of("UPDATE account SET balance = balance + 1 WHERE id = 1",
                "UPDATE account SET balance = balance + 1 WHERE id = 2",
                "UPDATE account SET balance = balance + 1 WHERE id = 3");
        List<Integer> starts = new ArrayList<>();
        ExecutionProgress progress = new ExecutionProgress() {
            @Override
            public void runStarts(int firstToRun, int total) {
                starts.add(firstToRun);
                starts.add(total);
            }
        };
        // a run that stopped after two statements (its node died): the ledger has them done
        executor.execute("T-C", db, script.subList(0, 2));
        assertThat(executor.done("T-C")).extracting(StatementOutcome::index).containsExactly(1, 2);
        assertThat(executor.done("T-C")).extracting(StatementOutcome::affectedRows).containsExactly(1L, 1L);
        assertThat(executor.running("T-C")).isFalse();

        executor.execute("T-C", db, script, progress);
        executor.execute("T-C", db, script, progress);

        assertThat(starts).containsExactly(3, 3, 4, 3);
        assertThat(scalar("SELECT GROUP_CONCAT(balance ORDER BY id) FROM `" + db + "`.account"))
                .isEqualTo("11.50,21.00,-2.25");
        try (Connection holder = connection(); Statement s = holder.createStatement()) {
            s.executeQuery("SELECT GET_LOCK('" + MysqlTicketExecutor.runLockName("T-C") + "', 0)").close();
            assertThat(executor.running("T-C")).isTrue();
        }
        // the server frees a closed session's named locks once it has seen the disconnect, not within close()
        await().atMost(Duration.ofSeconds(20)).until(() -> !executor.running("T-C"));
    }

    @Test
    void aSecondExecutorIsRefusedWhileTheFirstHoldsTheDatabase() throws Exception {
        MysqlTicketExecutor second = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection blocker = connection(); Statement s = blocker.createStatement()) {
            // a row lock keeps the first executor inside its ticket, holding the database lock
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT * FROM `" + db + "`.account WHERE id = 1 FOR UPDATE").close();
            Future<ExecutionReport> first = pool.submit(() -> executor.execute("T-7a", db,
                    List.of("UPDATE account SET balance = 1 WHERE id = 1")));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    scalar("SELECT IS_USED_LOCK('" + RunLocks.lockName(db) + "')") != null);

            assertThatThrownBy(() -> second.execute("T-7b", db, List.of("UPDATE account SET balance = 2 WHERE id = 2")))
                    .isInstanceOf(TicketExecutionException.class)
                    .hasMessageContaining("another ticket is executing on database " + db);

            blocker.commit();
            assertThat(first.get(20, TimeUnit.SECONDS).completed()).isTrue();
            assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("20.00");
            assertThat(second.execute("T-7b", db, List.of("UPDATE account SET balance = 2 WHERE id = 2")).completed()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unsupportedStatementRefusesTheWholeTicketBeforeAnythingRuns() throws SQLException {
        ExecutionReport report = executor.execute("T-8", db, List.of(
                "UPDATE account SET balance = 0",
                "DELETE FROM account LIMIT 1"));
        assertThat(report.statements()).extracting(StatementOutcome::status).containsExactly(Status.NOT_RUN, Status.FAILED);
        assertThat(report.stoppedAt().orElseThrow().message()).contains("LIMIT");
        assertThat(executor.execute("T-8", db, List.of("CREATE TABLE ok (id INT PRIMARY KEY)", "UPDATE WHERE nonsense"))
                .stoppedAt().orElseThrow()).satisfies(s -> {
                    assertThat(s.index()).isEqualTo(2);
                    assertThat(s.message()).contains("cannot parse");
                });
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'ok'")).isEqualTo("0");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 1")).isEqualTo("10.50");
    }

    /** A table's definition and checksum: equal before execution and after rollback when the rollback is exact. */
    private String shape(String table) throws SQLException {
        return scalar2("SHOW CREATE TABLE `" + db + "`.`" + table + "`") + "\n"
                + scalar2("CHECKSUM TABLE `" + db + "`.`" + table + "`");
    }

    private String dump() throws SQLException {
        return dump("SELECT * FROM `" + db + "`.account ORDER BY id")
                + dump("SELECT * FROM `" + db + "`.membership ORDER BY team, member");
    }

    private List<String> checksums() throws SQLException {
        return List.of(scalar2("CHECKSUM TABLE `" + db + "`.account"), scalar2("CHECKSUM TABLE `" + db + "`.membership"));
    }

    private String dump(String query) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    byte[] raw = rs.getBytes(i);
                    row.add(raw == null ? "NULL" : HexFormat.of().formatHex(raw));
                }
                out.append(row).append('\n');
            }
        }
        return out.toString();
    }

    private String scalar(String query) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String scalar2(String query) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, PASSWORD);
    }
}
