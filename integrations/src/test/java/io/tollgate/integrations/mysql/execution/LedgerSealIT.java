package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A DONE row in the ledger makes a run skip a statement or run its inverse; an account with rights on the ledger's
 * schema on the target can write such rows, but not Tollgate's seal on them (ADR 0045). Each test is the attack, by
 * plain SQL on the target as that account would, on the machine's MariaDB/MySQL.
 */
class LedgerSealIT {

    final String db = "tg_ls_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String meta = db + "_meta";
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(meta).withLockWait(Duration.ZERO);
    final MysqlCoordinates target = new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(target, settings, LedgerSeal.withKey(key()));

    /** Statement 1 runs; statement 2 fails (its table is missing), so the ticket waits for a DBA's retry. */
    final List<String> twoStatements = List.of("UPDATE t SET v = CONCAT(v, '+') WHERE id = 1",
            "INSERT INTO later VALUES (1, 'new')");

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO `" + db + "`.t VALUES (1, 'one'), (2, 'two')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + meta + "`");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // the failed statement's row marked DONE
            "UPDATE `%1$s`.tollgate_execution_ledger SET state = 'DONE', error = NULL WHERE ticket_id = 'LS-1'"
                    + " AND phase = 'EXECUTE' AND statement_index = 2",
            // the same, with statement 1's seal copied onto it
            "UPDATE `%1$s`.tollgate_execution_ledger r JOIN `%1$s`.tollgate_execution_ledger s ON s.ticket_id ="
                    + " r.ticket_id AND s.phase = r.phase AND s.statement_index = 1 SET r.state = 'DONE',"
                    + " r.error = NULL, r.seal = s.seal WHERE r.ticket_id = 'LS-1' AND r.statement_index = 2",
            // a DONE row of its own, without a seal
            "REPLACE INTO `%1$s`.tollgate_execution_ledger (ticket_id, phase, statement_index, target_database, kind,"
                    + " state, statement_sql, started_at, rollback_sql) VALUES ('LS-1', 'EXECUTE', 2, '%2$s', 'DML',"
                    + " 'DONE', 'INSERT INTO later VALUES (1, ''new'')', NOW(6), NULL)",
    })
    void aForgedDoneRowDoesNotMakeARetrySkipTheStatement(String forgery) throws SQLException {
        assertThat(executor.execute("LS-1", db, twoStatements).statements()).extracting(StatementOutcome::status)
                .containsExactly(StatementOutcome.Status.EXECUTED, StatementOutcome.Status.FAILED);
        TargetTables.sql(forgery.formatted(meta, db), "CREATE TABLE `" + db + "`.later (id INT PRIMARY KEY, v VARCHAR(20))");

        // the DBA created the missing table and retries; Tollgate's results record statement 1 as completed
        assertThatThrownBy(() -> executor.execute("LS-1", db, twoStatements, ExecutionProgress.NONE, 1,
                (report, recorded) -> report))
                .isInstanceOf(LedgerMismatchException.class)
                .hasMessageContaining("statement 2").hasMessageContaining("Tollgate did not write");
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.later")).isEqualTo("0");
        // a node that died mid-run is read from sealed rows only: statement 2 is not taken as done
        assertThat(executor.done("LS-1")).extracting(StatementOutcome::index).containsExactly(1);

        // the DBA takes the forged row away: the retry runs statement 2, once
        TargetTables.sql("DELETE FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'LS-1'"
                + " AND statement_index = 2");
        assertThat(executor.execute("LS-1", db, twoStatements, ExecutionProgress.NONE, 1, (report, recorded) -> report)
                .statements()).extracting(StatementOutcome::status)
                .containsExactly(StatementOutcome.Status.ALREADY_DONE, StatementOutcome.Status.EXECUTED);
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.later")).isEqualTo("1");
        assertThat(rows()).isEqualTo("1 one+, 2 two");
    }

    @Test
    void aRollbackWithoutTollgatesCopyRunsNoInverseRewrittenOnTheTarget() throws SQLException {
        assertThat(executor.execute("LS-2", db, List.of("UPDATE t SET v = 'uno' WHERE id = 1")).completed()).isTrue();
        String genuine = TargetTables.scalar("SELECT rollback_sql FROM `" + meta + "`.tollgate_execution_ledger"
                + " WHERE ticket_id = 'LS-2'");
        TargetTables.sql("UPDATE `" + meta + "`.tollgate_execution_ledger SET rollback_sql = 'DELETE FROM `" + db
                + "`.t WHERE id = 2;' WHERE ticket_id = 'LS-2'");

        assertThatThrownBy(() -> executor.recordedRollback("LS-2")).as("not copied as Tollgate's record")
                .isInstanceOf(LedgerMismatchException.class).hasMessageContaining("statement 1");
        // no record to compare with (the copy could not be taken when the run ended): the seal decides
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            assertThatThrownBy(() -> executor.rollback("LS-2", policy, ExecutionProgress.NONE, InverseRecord.NONE))
                    .as(policy.name()).isInstanceOf(LedgerMismatchException.class)
                    .hasMessageContaining("statement 1").hasMessageContaining("does not match the row");
        }
        assertThat(rows()).isEqualTo("1 uno, 2 two");

        // the genuine inverse with its seal taken away is not Tollgate's either
        TargetTables.sql("UPDATE `" + meta + "`.tollgate_execution_ledger SET rollback_sql = '"
                + genuine.replace("\\", "\\\\").replace("'", "''") + "', seal = NULL WHERE ticket_id = 'LS-2'");
        assertThatThrownBy(() -> executor.rollback("LS-2", ConflictPolicy.STOP, ExecutionProgress.NONE,
                InverseRecord.NONE)).isInstanceOf(LedgerMismatchException.class).hasMessageContaining("is missing");
        // ... unless it is what Tollgate recorded (a row written before rows were sealed)
        InverseRecord recorded = (index, sql) -> index == 1 && Objects.equals(sql, genuine);
        assertThat(executor.rollback("LS-2", ConflictPolicy.STOP, ExecutionProgress.NONE, recorded).completed()).isTrue();
        assertThat(rows()).isEqualTo("1 one, 2 two");
    }

    @Test
    void aForgedRollbackRowDoesNotMakeARollbackSkipAStatement() throws SQLException {
        assertThat(executor.execute("LS-3", db, List.of("UPDATE t SET v = 'uno' WHERE id = 1",
                "UPDATE t SET v = 'dos' WHERE id = 2")).completed()).isTrue();
        // statement 2 "already rolled back", so a rollback would undo statement 1 only and report success
        TargetTables.sql("INSERT INTO `" + meta + "`.tollgate_execution_ledger (ticket_id, phase, statement_index,"
                + " target_database, kind, state, statement_sql, started_at, affected_rows) VALUES ('LS-3', 'ROLLBACK',"
                + " 2, '" + db + "', 'DML', 'DONE', 'x', NOW(6), 1)");

        assertThatThrownBy(() -> executor.rollback("LS-3"))
                .isInstanceOf(LedgerMismatchException.class)
                .hasMessageContaining("statement 2").hasMessageContaining("rolled back");
        assertThat(rows()).isEqualTo("1 uno, 2 dos");
        assertThat(executor.undone("LS-3")).as("nor read as undone after a node died").isEmpty();

        TargetTables.sql("DELETE FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'LS-3'"
                + " AND phase = 'ROLLBACK'");
        assertThat(executor.rollback("LS-3").completed()).isTrue();
        assertThat(rows()).isEqualTo("1 one, 2 two");
        assertThat(executor.undone("LS-3")).extracting(StatementOutcome::index).containsExactly(1, 2);
    }

    @Test
    void rowsSealedUnderAnotherKeyAreNotTollgates() throws SQLException {
        // another Tollgate installation (or one with another secret key) wrote this ticket's ledger rows
        MysqlTicketExecutor other = new MysqlTicketExecutor(target, settings, LedgerSeal.withKey(key()));
        assertThat(other.execute("LS-4", db, List.of("UPDATE t SET v = 'uno' WHERE id = 1")).completed()).isTrue();

        assertThatThrownBy(() -> executor.rollback("LS-4")).isInstanceOf(LedgerMismatchException.class);
        assertThat(executor.done("LS-4")).isEmpty();
        assertThat(rows()).isEqualTo("1 uno, 2 two");
        assertThat(other.rollback("LS-4").completed()).isTrue();
        assertThat(rows()).isEqualTo("1 one, 2 two");
    }

    /**
     * What a DDL left (the definition a rollback compares the column with before putting it back) is under the seal:
     * rewritten on the target to what another change made of the column, the rollback would undo that change, so it
     * runs nothing.
     */
    @Test
    void whatADdlLeftRewrittenOnTheTargetIsNotTollgates() throws SQLException {
        assertThat(executor.execute("LS-6", db, List.of("ALTER TABLE t MODIFY v VARCHAR(40)")).completed()).isTrue();
        TargetTables.sql("ALTER TABLE `" + db + "`.t MODIFY v VARCHAR(60)");
        TargetTables.sql("UPDATE `" + meta + "`.tollgate_execution_ledger SET left_definition ="
                + " '`v` varchar(60) DEFAULT NULL' WHERE ticket_id = 'LS-6'");

        assertThatThrownBy(() -> executor.rollback("LS-6")).isInstanceOf(LedgerMismatchException.class)
                .hasMessageContaining("statement 1").hasMessageContaining("does not match the row");
        assertThat(TargetTables.scalar("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME = 't' AND COLUMN_NAME = 'v'")).isEqualTo("varchar(60)");

        // taken away, the same
        TargetTables.sql("UPDATE `" + meta + "`.tollgate_execution_ledger SET left_definition = NULL"
                + " WHERE ticket_id = 'LS-6'");
        assertThatThrownBy(() -> executor.rollback("LS-6")).isInstanceOf(LedgerMismatchException.class);
    }

    /**
     * A ledger from before DDL rows kept what they left gets the column; a DDL row sealed then (its seal covers no
     * such field) keeps its seal and rolls back as before, without the check that needs what was left.
     */
    @Test
    void aLedgerFromBeforeWhatDdlLeftGetsTheColumnAndItsRowsKeepTheirSeal() throws SQLException {
        // the ledger and the row as the version before created and wrote them: statement 1 of LS-7 ran
        String old = db + "_old";
        byte[] key = key();
        String inverse = "ALTER TABLE `" + db + "`.`t` MODIFY COLUMN `v` varchar(20) DEFAULT NULL";
        String sealedBefore = LedgerSeal.withKey(key).seal(java.util.Arrays.asList("LS-7", "EXECUTE", "1", db, "DDL",
                "DONE", "0", inverse));
        TargetTables.sql("CREATE DATABASE `" + old + "`", "CREATE TABLE `" + old + "`.tollgate_execution_ledger ("
                        + " ticket_id VARCHAR(128) NOT NULL, phase VARCHAR(16) NOT NULL, statement_index INT NOT NULL,"
                        + " target_database VARCHAR(64) NOT NULL, kind VARCHAR(8) NOT NULL, state VARCHAR(16) NOT NULL,"
                        + " statement_sql MEDIUMTEXT, started_at DATETIME(6) NOT NULL, finished_at DATETIME(6) NULL,"
                        + " affected_rows BIGINT NULL, error TEXT NULL, rollback_sql MEDIUMTEXT NULL, seal CHAR(64) NULL,"
                        + " PRIMARY KEY (ticket_id, phase, statement_index)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                "ALTER TABLE `" + db + "`.t MODIFY v VARCHAR(40)",
                "INSERT INTO `" + old + "`.tollgate_execution_ledger VALUES ('LS-7', 'EXECUTE', 1, '" + db + "', 'DDL',"
                        + " 'DONE', 'ALTER TABLE t MODIFY v VARCHAR(40)', NOW(6), NOW(6), 0, NULL, '"
                        + inverse.replace("'", "''") + "', '" + sealedBefore + "')");
        try {
            MysqlTicketExecutor upgraded = new MysqlTicketExecutor(target, settings.withLedgerSchema(old),
                    LedgerSeal.withKey(key));

            ExecutionReport report = upgraded.rollback("LS-7");

            assertThat(report.completed()).as(report.toString()).isTrue();
            assertThat(TargetTables.scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + old + "' AND TABLE_NAME = 'tollgate_execution_ledger' AND COLUMN_NAME = 'left_definition'"))
                    .as("added by the run").isEqualTo("1");
            assertThat(TargetTables.scalar("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + db + "' AND TABLE_NAME = 't' AND COLUMN_NAME = 'v'")).isEqualTo("varchar(20)");
        } finally {
            TargetTables.sql("DROP DATABASE IF EXISTS `" + old + "`");
        }
    }

    @Test
    void aLedgerFromBeforeSealsGetsTheColumnAndItsRowsCountWhereTollgatesRecordVouchesForThem() throws SQLException {
        // the ledger as a Tollgate before seals created and wrote it: statement 1 of LS-5 ran
        String old = db + "_old";
        TargetTables.sql("CREATE DATABASE `" + old + "`", "CREATE TABLE `" + old + "`.tollgate_execution_ledger ("
                        + " ticket_id VARCHAR(128) NOT NULL, phase VARCHAR(16) NOT NULL, statement_index INT NOT NULL,"
                        + " target_database VARCHAR(64) NOT NULL, kind VARCHAR(8) NOT NULL, state VARCHAR(16) NOT NULL,"
                        + " statement_sql MEDIUMTEXT, started_at DATETIME(6) NOT NULL, finished_at DATETIME(6) NULL,"
                        + " affected_rows BIGINT NULL, error TEXT NULL, rollback_sql MEDIUMTEXT NULL,"
                        + " PRIMARY KEY (ticket_id, phase, statement_index)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4",
                "UPDATE `" + db + "`.t SET v = 'uno' WHERE id = 1",
                "INSERT INTO `" + old + "`.tollgate_execution_ledger VALUES ('LS-5', 'EXECUTE', 1, '" + db + "', 'DML',"
                        + " 'DONE', 'UPDATE t SET v = ''uno'' WHERE id = 1', NOW(6), NOW(6), 1, NULL,"
                        + " 'UPDATE `" + db + "`.`t` SET `v` = ''one'' WHERE `id` = 1;')");
        try {
            MysqlTicketExecutor upgraded = new MysqlTicketExecutor(target, settings.withLedgerSchema(old),
                    LedgerSeal.withKey(key()));
            List<String> statements = List.of("UPDATE t SET v = 'uno' WHERE id = 1", "UPDATE t SET v = 'dos' WHERE id = 2");

            // Tollgate's results do not record statement 1: its unsealed row cannot make the retry skip it
            assertThatThrownBy(() -> upgraded.execute("LS-5", db, statements, ExecutionProgress.NONE, 0,
                    (report, recorded) -> report)).isInstanceOf(LedgerMismatchException.class)
                    .hasMessageContaining("is missing");
            assertThat(TargetTables.scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + old + "' AND TABLE_NAME = 'tollgate_execution_ledger' AND COLUMN_NAME = 'seal'")).isEqualTo("1");
            // they do: the retry goes on after it, and the rollback takes the old inverse that Tollgate recorded
            assertThat(upgraded.execute("LS-5", db, statements, ExecutionProgress.NONE, 1, (report, recorded) -> report)
                    .statements()).extracting(StatementOutcome::status)
                    .containsExactly(StatementOutcome.Status.ALREADY_DONE, StatementOutcome.Status.EXECUTED);
            String oldInverse = "UPDATE `" + db + "`.`t` SET `v` = 'one' WHERE `id` = 1;";
            String newInverse = TargetTables.scalar("SELECT rollback_sql FROM `" + old + "`.tollgate_execution_ledger"
                    + " WHERE ticket_id = 'LS-5' AND statement_index = 2");
            InverseRecord recorded = (index, sql) -> Objects.equals(sql, index == 1 ? oldInverse : newInverse);
            assertThatThrownBy(() -> upgraded.rollback("LS-5", ConflictPolicy.STOP, ExecutionProgress.NONE,
                    InverseRecord.NONE)).as("without the record").isInstanceOf(LedgerMismatchException.class);
            assertThat(upgraded.rollback("LS-5", ConflictPolicy.STOP, ExecutionProgress.NONE, recorded).completed())
                    .isTrue();
            assertThat(rows()).isEqualTo("1 one, 2 two");
        } finally {
            TargetTables.sql("DROP DATABASE IF EXISTS `" + old + "`");
        }
    }

    private String rows() throws SQLException {
        return TargetTables.scalar("SELECT GROUP_CONCAT(id, ' ', v ORDER BY id SEPARATOR ', ') FROM `" + db + "`.t");
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
