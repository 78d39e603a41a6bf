package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement's rollback SQL is recorded in one ledger row, in the statement's transaction. Within the rows one
 * statement may change (100,000), wide rows made it larger than the row's column or the target's largest packet:
 * the write failed "outside a statement" with the driver's "Packet for query is too large", and the ledger recorded
 * nothing of it. Such a statement is now refused as it runs, with its size and what to do, and nothing changed.
 */
class RollbackSizeIT {

    final String db = "tg_rs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        // 5,000 rows of about 4 KB: a DELETE of them all records about 20 MB of rollback SQL
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.wide (id INT PRIMARY KEY, a VARCHAR(1000), b VARCHAR(1000),"
                        + " c VARCHAR(1000), d VARCHAR(1000))",
                "INSERT INTO `" + db + "`.wide SELECT seq, REPEAT('a', 990), REPEAT('b', 990), REPEAT('c', 990),"
                        + " REPEAT(CHAR(65 + seq % 26), 990) FROM `" + db + "`.seq_1_to_5000");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aStatementWhoseRollbackTheLedgerCannotHoldIsRefusedWithNothingChanged() throws SQLException {
        String before = checksum();
        String ticket = "RS-" + UUID.randomUUID();

        ExecutionReport report = executor.execute(ticket, db, List.of("DELETE FROM wide WHERE id > 0"));

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(StatementOutcome.Status.FAILED);
            assertThat(s.message()).contains("changed 5000 rows", "its rollback SQL would be 2", "MB",
                    "split it into statements over key ranges");
        });
        assertThat(checksum()).isEqualTo(before);
        assertThat(TargetTables.scalar("SELECT state FROM `" + db + "_meta`.tollgate_execution_ledger"
                + " WHERE ticket_id = '" + ticket + "'")).as("the ledger records the failure").isEqualTo("FAILED");
    }

    @Test
    void inKeyRangesTheSameChangeRunsAndRollsBack() throws SQLException {
        String before = checksum();
        String ticket = "RS-" + UUID.randomUUID();

        ExecutionReport report = executor.execute(ticket, db, List.of("DELETE FROM wide WHERE id <= 2000",
                "DELETE FROM wide WHERE id > 2000 AND id <= 4000", "DELETE FROM wide WHERE id > 4000"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.wide")).isEqualTo("0");
        assertThat(executor.rollback(ticket).completed()).isTrue();
        assertThat(checksum()).isEqualTo(before);
    }

    @Test
    void aLargeStatementWhoseRowFitsRunsAndRollsBack() throws SQLException {
        // 5.6 MB of INSERT and 6 MB of rollback: 11.6 MB, within the 16 MB packet, though a guess of three bytes a
        // character would not have let it
        StringBuilder insert = new StringBuilder("INSERT INTO wide (id, a) VALUES ");
        for (int id = 10_001; id <= 15_000; id++) {
            insert.append(id == 10_001 ? "" : ", ").append('(').append(id).append(", '").append("w".repeat(990))
                    .append(id % 10).append("')");
        }
        String before = checksum();
        String ticket = "RS-" + UUID.randomUUID();

        ExecutionReport report = executor.execute(ticket, db, List.of(insert.toString()));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.wide")).isEqualTo("10000");
        assertThat(executor.rollback(ticket).completed()).isTrue();
        assertThat(checksum()).isEqualTo(before);
    }

    /**
     * Tollgate copies each statement's rollback SQL into its own database, whose packet may be smaller than the
     * target's: a statement whose rollback SQL it could not take is refused as it runs, nothing changed, rather than
     * run on the target and then fail to be recorded.
     */
    @Test
    void aStatementWhoseRollbackTollgatesOwnDatabaseCannotTakeIsRefused() throws SQLException {
        MysqlTicketExecutor smallRecords = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD,
                null), ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO)
                .withRecordPacket(4L * 1024 * 1024));
        String before = checksum();
        String ticket = "RS-" + UUID.randomUUID();

        // 1,300 rows of 4 KB: 5.3 MB of rollback SQL, which the target's 16 MB packet takes
        ExecutionReport report = smallRecords.execute(ticket, db, List.of("DELETE FROM wide WHERE id <= 1300"));

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(StatementOutcome.Status.FAILED);
            assertThat(s.message()).contains("changed 1300 rows", "Tollgate's own database",
                    "max_allowed_packet of 4194304 bytes", "split it into statements over key ranges");
        });
        assertThat(checksum()).isEqualTo(before);
        assertThat(executor.execute("RS-" + UUID.randomUUID(), db, List.of("DELETE FROM wide WHERE id <= 1300"))
                .completed()).as("the same statement where Tollgate's database takes it").isTrue();
    }

    /**
     * One row whose before-image alone is too large is not answered with advice that cannot be followed: splitting
     * the statement makes no row smaller (a helper's finding, a 40 MB BLOB). The refusal says so, and changes nothing.
     */
    @Test
    void aSingleRowTooLargeToRecordIsRefusedWithoutAdviceToSplit() throws SQLException {
        MysqlTicketExecutor smallRecords = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD,
                null), ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO)
                .withRecordPacket(68L * 1024));
        TargetTables.sql("CREATE TABLE `" + db + "`.blob_row (id INT PRIMARY KEY, body MEDIUMBLOB)",
                "INSERT INTO `" + db + "`.blob_row VALUES (1, REPEAT(X'00FF', 8192))");

        ExecutionReport report = smallRecords.execute("RS-" + UUID.randomUUID(), db,
                List.of("DELETE FROM blob_row WHERE id = 1"));

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(StatementOutcome.Status.FAILED);
            assertThat(s.message()).contains("changed 1 rows", "no split makes it smaller",
                    "a DBA changes such a row outside Tollgate").doesNotContain("split it into statements");
        });
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.blob_row")).isEqualTo("1");
    }

    /**
     * Statements committed together write their ledger rows in one INSERT. A small DELETE (0.8 MB of rollback SQL)
     * followed by a large one (16.2 MB, which fits a write of its own) made one write larger than the packet, which
     * failed outside a statement. The group now runs singly when the next row would not fit with it.
     */
    @Test
    void twoStatementsWhoseRowsFitAloneButNotTogetherRunAndRollBack() throws SQLException {
        String before = checksum();
        String ticket = "RS-" + UUID.randomUUID();

        ExecutionReport report = executor.execute(ticket, db, List.of("DELETE FROM wide WHERE id > 4800",
                "DELETE FROM wide WHERE id <= 4000"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.wide")).isEqualTo("800");
        assertThat(executor.rollback(ticket).completed()).isTrue();
        assertThat(checksum()).isEqualTo(before);
    }

    /**
     * The driver sends the ledger row's text escaped (a backslash, a quote, a line break each take two bytes): text
     * full of them grows on its way, and a rollback SQL whose characters fit the packet did not fit once escaped.
     */
    @Test
    void aRollbackFullOfCharactersTheDriverEscapesIsMeasuredAsSent() throws SQLException {
        // 60,000 rows of 100 backslashes: about 13 MB of rollback SQL, some 25 MB as the driver sends it
        TargetTables.sql("CREATE TABLE `" + db + "`.slashes (id INT PRIMARY KEY, s VARCHAR(200))",
                "INSERT INTO `" + db + "`.slashes SELECT seq, REPEAT('\\\\', 100) FROM `" + db + "`.seq_1_to_60000");
        String before = TargetTables.scalar("SELECT CONCAT(COUNT(*), ' ', SUM(CRC32(s))) FROM `" + db + "`.slashes");
        String ticket = "RS-" + UUID.randomUUID();

        ExecutionReport report = executor.execute(ticket, db, List.of("DELETE FROM slashes WHERE id > 0"));

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(StatementOutcome.Status.FAILED);
            assertThat(s.message()).contains("changed 60000 rows", "split it into statements over key ranges");
        });
        assertThat(TargetTables.scalar("SELECT CONCAT(COUNT(*), ' ', SUM(CRC32(s))) FROM `" + db + "`.slashes"))
                .isEqualTo(before);
        assertThat(TargetTables.scalar("SELECT state FROM `" + db + "_meta`.tollgate_execution_ledger"
                + " WHERE ticket_id = '" + ticket + "'")).as("the ledger records the failure").isEqualTo("FAILED");
    }

    private String checksum() throws SQLException {
        return TargetTables.scalar("SELECT CONCAT(COUNT(*), ' ', SUM(CRC32(CONCAT_WS('|', id, a, b, c, d)))) FROM `" + db
                + "`.wide");
    }
}
