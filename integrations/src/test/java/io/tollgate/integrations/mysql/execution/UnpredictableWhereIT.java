package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The before-images are read with the statement's own WHERE, just before it runs; a WHERE whose value changes from
 * one evaluation to the next could name other rows for the images than for the change, and the changed rows would
 * have none (ADR 0040). Each attack here picks one row for the images and another for the change, with equal
 * counts. Against the machine's MariaDB/MySQL.
 */
class UnpredictableWhereIT {

    final String db = "tg_nd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(40), expires DATETIME(6))",
                "INSERT INTO `" + db + "`.t VALUES (1, 'a', '2000-01-01'), (2, 'b', '2000-01-01'),"
                        + " (3, 'c', '2999-01-01')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void anUpdateWhoseWhereCountsOnAnIncreasingValueIsRefused() throws SQLException {
        // UUID_SHORT() grows by one per call: the images' read and the UPDATE see other parities, so other rows
        assertRefused("ND-1", "UPDATE t SET v = 'x' WHERE id = 2 * (UUID_SHORT() % 2) + 1", "UUID_SHORT()");
    }

    @Test
    void aDeleteWhoseWhereReadsTheLastStatementsRowCountIsRefused() throws SQLException {
        // ROW_COUNT() is the previous statement's: the images' read sees one value, the DELETE the read's own
        assertRefused("ND-2", "DELETE FROM t WHERE id = ROW_COUNT() + 2", "ROW_COUNT()");
    }

    @Test
    void randomRowsAndUserVariablesAreRefused() throws SQLException {
        assertRefused("ND-3", "DELETE FROM t WHERE id = FLOOR(1 + RAND() * 3)", "RAND()");
        assertRefused("ND-4", "UPDATE t SET v = 'y' WHERE id = (@n := COALESCE(@n, 0) + 1)", "@n");
    }

    @Test
    void aStatementMayNotReleaseTheRunsLock() throws SQLException {
        assertRefused("ND-5", "UPDATE t SET v = RELEASE_ALL_LOCKS() WHERE id = 1", "RELEASE_ALL_LOCKS()");
    }

    @Test
    void aStatementCallingAStoredFunctionIsRefusedAndBuiltInsRun() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.log (n INT AUTO_INCREMENT PRIMARY KEY, id INT)");
        TargetTables.sql("CREATE FUNCTION `" + db + "`.pick() RETURNS INT NOT DETERMINISTIC MODIFIES SQL DATA"
                + " BEGIN INSERT INTO `" + db + "`.log (id) VALUES (1); RETURN 1; END");

        assertRefused("ND-9", "UPDATE t SET v = 'f' WHERE id = pick()", "the stored function `" + db + "`.`pick`()");
        assertRefused("ND-10", "UPDATE t SET v = " + db + ".PICK() WHERE id = 1", "`PICK`()");
        assertRefused("ND-11", "INSERT INTO t (id, v) VALUES (9, pick())", "`pick`()");
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db + "`.log")) {
            assertThat(rs.next() ? rs.getInt(1) : -1).as("the function never ran").isZero();
        }

        ExecutionReport builtIns = executor.execute("ND-12", db,
                List.of("UPDATE t SET v = CONCAT(UPPER(v), '!') WHERE id = ABS(-1)"));
        assertThat(builtIns.completed()).as(builtIns.toString()).isTrue();
        assertThat(rows()).startsWith("1 A!");
    }

    @Test
    void theClockIsOneInstantForTheImagesAndTheChange() throws SQLException {
        // NOW() changes between the images' read and the DELETE; both see the same instant, so the rows are the same
        ExecutionReport report = executor.execute("ND-6", db, List.of(
                "DELETE FROM t WHERE expires < NOW() AND MICROSECOND(NOW(6)) >= 0",
                "UPDATE t SET v = 'late' WHERE expires > CURRENT_TIMESTAMP"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).containsExactly("3 late");
        assertThat(executor.rollback("ND-6").completed()).isTrue();
        assertThat(rows()).containsExactly("1 a", "2 b", "3 c");
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ABS(TIMESTAMPDIFF(SECOND, NOW(), SYSDATE())) < 60")) {
            assertThat(rs.next() && rs.getBoolean(1)).as("a new session's clock is the server's").isTrue();
        }
    }

    @Test
    void aWhereOnTheClocksMicrosecondsPicksTheSameRowForTheImagesAndTheChange() throws SQLException {
        // without one instant for both, about every other statement would change the row it did not image
        ExecutionReport report = executor.execute("ND-7", db, java.util.Collections.nCopies(20,
                "UPDATE t SET v = CONCAT(v, '+') WHERE id = MICROSECOND(NOW(6)) % 2 + 1"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + db + "_meta`.tollgate_execution_ledger"
                     + " WHERE ticket_id = 'ND-7' AND rollback_sql LIKE '%UPDATE%'")) {
            assertThat(rs.next() ? rs.getInt(1) : -1).as("each statement imaged the row it changed").isEqualTo(20);
        }
        assertThat(executor.rollback("ND-7").completed()).isTrue();
        assertThat(rows()).containsExactly("1 a", "2 b", "3 c");
    }

    @Test
    void theRowsASubqueryReadsCannotChangeBetweenTheImagesAndTheStatement() throws Exception {
        TargetTables.sql("CREATE TABLE `" + db + "`.o (x INT PRIMARY KEY)", "INSERT INTO `" + db + "`.o VALUES (1)");
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            // the images' read sleeps on row 1: the window in which another session could change o
            java.util.concurrent.Future<ExecutionReport> run = thread.submit(() -> executor.execute("ND-8", db,
                    List.of("DELETE FROM t WHERE id IN (SELECT x FROM o) AND SLEEP(2) = 0")));
            awaitQuery("SELECT%SLEEP(2)%FOR UPDATE");
            try (Connection other = TargetTables.connection(); Statement s = other.createStatement()) {
                s.execute("SET SESSION innodb_lock_wait_timeout = 1");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.executeUpdate(
                                "UPDATE `" + db + "`.o SET x = 2 WHERE x = 1"))
                        .as("o's row is locked until the ticket's statement has run")
                        .isInstanceOf(SQLException.class).hasMessageContaining("Lock wait timeout");
            }
            ExecutionReport report = run.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(report.completed()).as(report.toString()).isTrue();
        } finally {
            thread.shutdownNow();
        }
        assertThat(rows()).containsExactly("2 b", "3 c");
        assertThat(executor.rollback("ND-8").completed()).isTrue();
        assertThat(rows()).containsExactly("1 a", "2 b", "3 c");
    }

    /** Waits, at most 30 s, until a statement like {@code pattern} runs on the server. */
    private void awaitQuery(String pattern) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        try (Connection c = TargetTables.connection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     + " WHERE INFO LIKE ? AND INFO NOT LIKE '%PROCESSLIST%'")) {
            ps.setString(1, pattern);
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getInt(1) > 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime()).as("a statement like " + pattern + " within 30 s").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    private void assertRefused(String ticket, String sql, String named) throws SQLException {
        TargetTables.assertRefused(executor, db, ticket, sql, named);
    }

    private List<String> rows() throws SQLException {
        return TargetTables.idsAndValues(db);
    }
}
