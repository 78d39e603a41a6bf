package io.tollgate.integrations.mysql.execution;

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

        // no inverse is recorded for MODIFY yet: rollback says so and touches nothing
        assertThat(executor.execute("T-12", db, List.of("ALTER TABLE account MODIFY COLUMN owner VARCHAR(50) NOT NULL"))
                .completed()).isTrue();
        assertThat(executor.rollback("T-12").statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.IRREVERSIBLE);
    }

    @Test
    void ddlLeftStartedIsReportedInFlightAndNotRerun() throws SQLException {
        executor.execute("T-0", db, List.of());
        // what a node that died while running the ALTER leaves behind
        sql("INSERT INTO `" + meta + "`.tollgate_execution_ledger (ticket_id, phase, statement_index, target_database,"
                + " kind, state, statement_sql, started_at) VALUES ('T-6', 'EXECUTE', 2, '" + db + "', 'DDL', 'STARTED',"
                + " 'ALTER TABLE account ADD COLUMN extra INT', NOW(6))",
                "INSERT INTO `" + meta + "`.tollgate_execution_ledger (ticket_id, phase, statement_index, target_database,"
                + " kind, state, started_at, affected_rows, rollback_sql) VALUES ('T-6', 'EXECUTE', 1, '" + db
                + "', 'DML', 'DONE', NOW(6), 1, '')");

        ExecutionReport report = executor.execute("T-6", db, List.of(
                "UPDATE account SET balance = 0 WHERE id = 2",
                "ALTER TABLE account ADD COLUMN extra INT",
                "UPDATE account SET balance = 0 WHERE id = 3"));

        assertThat(report.statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.ALREADY_DONE, Status.IN_FLIGHT, Status.NOT_RUN);
        assertThat(report.stoppedAt().orElseThrow().message()).contains("outcome unknown").contains("not re-run");
        assertThat(scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'account' AND COLUMN_NAME = 'extra'")).isEqualTo("0");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 2")).isEqualTo("20.00");
        assertThat(scalar("SELECT balance FROM `" + db + "`.account WHERE id = 3")).isEqualTo("-3.25");

        assertThat(executor.rollback("T-6").statements()).extracting(StatementOutcome::status)
                .containsExactly(Status.IN_FLIGHT, Status.NOT_RUN);
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
                    scalar("SELECT IS_USED_LOCK('" + MysqlTicketExecutor.lockName(db) + "')") != null);

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
