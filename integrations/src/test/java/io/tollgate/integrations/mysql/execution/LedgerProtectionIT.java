package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The execution ledger on the target is Tollgate's record of what ran and how to undo it: a ticket's own statements
 * must not write it (a forged inverse would run at the next approved rollback, a deleted row would run a statement
 * twice or leave it without a rollback). Against the machine's MariaDB/MySQL.
 */
class LedgerProtectionIT {

    final String db = "tg_lp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String meta = db + "_meta";
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(meta).withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`", "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO `" + db + "`.t VALUES (1, 'one'), (2, 'two')");
        // ticket A ran: the ledger holds its statement and inverse
        assertThat(executor.execute("LP-A", db, List.of("UPDATE t SET v = 'uno' WHERE id = 1")).completed()).isTrue();
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + meta + "`");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "UPDATE `%1$s`.tollgate_execution_ledger SET rollback_sql = 'DELETE FROM `%2$s`.t WHERE id = 2'"
                    + " WHERE ticket_id = 'LP-A' AND phase = 'EXECUTE' AND statement_index = 1",
            "DELETE FROM %1$s.tollgate_execution_ledger WHERE ticket_id = 'LP-A' AND phase = 'EXECUTE'"
                    + " AND statement_index = 1",
            "INSERT INTO `%1$s`.`tollgate_execution_ledger` (ticket_id, phase, statement_index, target_database, kind,"
                    + " state, statement_sql) VALUES ('LP-X', 'EXECUTE', 1, 'x', 'DML', 'DONE', 'x')",
            "DROP TABLE `%1$s`.tollgate_execution_ledger",
            "TRUNCATE TABLE `%1$s`.tollgate_execution_ledger",
            "RENAME TABLE `%1$s`.tollgate_execution_ledger TO `%2$s`.stolen",
            "ALTER TABLE `%1$s`.tollgate_execution_ledger DROP PRIMARY KEY",
            "DROP DATABASE `%1$s`",
            "CREATE TRIGGER `%2$s`.t_forge AFTER UPDATE ON `%2$s`.t FOR EACH ROW DELETE FROM `%1$s`.tollgate_execution_ledger",
    })
    void aTicketThatNamesTheLedgerIsRefusedAndTheLedgerStaysAsItWas(String template) throws SQLException {
        String before = ledger();

        ExecutionReport report = executor.execute("LP-B", db, List.of(template.formatted(meta, db)));

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.stoppedAt().orElseThrow().message()).contains("Tollgate's execution ledger");
        assertThat(ledger()).isEqualTo(before);
        // ticket A's rollback restores its row, and only it
        assertThat(executor.rollback("LP-A").completed()).isTrue();
        assertThat(rows()).isEqualTo("1 one\n2 two\n");
    }

    @Test
    void aRollbackRunsOnlyTheInversesTollgateRecordedNotOnesChangedOnTheTargetSince() throws SQLException {
        // Tollgate's own copy, taken when the execution ended; then someone with rights on the target rewrites the
        // ledger's inverse (ADR 0044)
        List<RecordedInverse> recorded = executor.recordedRollback("LP-A");
        InverseRecord record = (index, sql) -> recorded.stream()
                .anyMatch(r -> r.index() == index && java.util.Objects.equals(r.sql(), sql));
        setInverse("DELETE FROM `" + db + "`.t WHERE id = 2;");

        assertThatThrownBy(() -> executor.rollback("LP-A", ConflictPolicy.STOP, ExecutionProgress.NONE, record))
                .isInstanceOf(TicketExecutionException.class)
                .hasMessageContaining("statement 1").hasMessageContaining("differs from Tollgate's record");
        assertThatThrownBy(() -> executor.rollback("LP-A", ConflictPolicy.FORCE, ExecutionProgress.NONE, record))
                .as("no policy runs it").isInstanceOf(TicketExecutionException.class);
        // without a seal (as a row from before seals, ADR 0045) Tollgate's record decides just the same
        TargetTables.sql("UPDATE `" + meta + "`.tollgate_execution_ledger SET seal = NULL WHERE ticket_id = 'LP-A'");
        assertThatThrownBy(() -> executor.rollback("LP-A", ConflictPolicy.STOP, ExecutionProgress.NONE, record))
                .isInstanceOf(TicketExecutionException.class)
                .hasMessageContaining("statement 1").hasMessageContaining("differs from Tollgate's record");
        setInverse(null);
        assertThatThrownBy(() -> executor.rollback("LP-A", ConflictPolicy.STOP, ExecutionProgress.NONE, record))
                .as("an inverse taken away").isInstanceOf(TicketExecutionException.class);
        assertThat(rows()).isEqualTo("1 uno\n2 two\n");

        // put back as recorded, the rollback runs
        setInverse(recorded.get(0).sql());
        assertThat(executor.rollback("LP-A", ConflictPolicy.STOP, ExecutionProgress.NONE, record).completed()).isTrue();
        assertThat(rows()).isEqualTo("1 one\n2 two\n");
    }

    @Test
    void aStatementTollgateRecordedAsDoneNeverRunsAgainWhenItsLedgerRowIsGone() throws SQLException {
        // exactly once rests on the ledger; Tollgate's own results say which statements completed (ADR 0044)
        List<String> statements = List.of("UPDATE t SET v = CONCAT(v, '+') WHERE id = 2",
                "UPDATE nowhere SET v = 'x' WHERE id = 1");
        ExecutionReport first = executor.execute("LP-D", db, statements);
        assertThat(first.statements()).extracting(StatementOutcome::status)
                .containsExactly(StatementOutcome.Status.EXECUTED, StatementOutcome.Status.FAILED);
        TargetTables.sql("DELETE FROM `" + meta + "`.tollgate_execution_ledger WHERE ticket_id = 'LP-D'"
                + " AND phase = 'EXECUTE' AND statement_index = 1");

        assertThatThrownBy(() -> executor.execute("LP-D", db, statements, ExecutionProgress.NONE, 1,
                (report, recorded) -> report))
                .isInstanceOf(LedgerMismatchException.class)
                .hasMessageContaining("statement 1").hasMessageContaining("Tollgate recorded it as executed");
        assertThat(rows()).as("statement 1 ran once").isEqualTo("1 uno\n2 two+\n");

        // with the ledger as Tollgate recorded it, a retry goes on after what completed
        List<String> retried = List.of("UPDATE t SET v = 'e' WHERE id = 1", "UPDATE later SET v = 'm' WHERE id = 1");
        assertThat(executor.execute("LP-E", db, retried).statements().get(1).status())
                .isEqualTo(StatementOutcome.Status.FAILED);
        TargetTables.sql("CREATE TABLE `" + db + "`.later (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO `" + db + "`.later VALUES (1, 'n')");
        assertThat(executor.execute("LP-E", db, retried, ExecutionProgress.NONE, 1, (report, recorded) -> report)
                .statements()).extracting(StatementOutcome::status)
                .containsExactly(StatementOutcome.Status.ALREADY_DONE, StatementOutcome.Status.EXECUTED);
    }

    /** Writes statement 1's inverse in ticket LP-A's ledger row, as an account with rights on the target could. */
    private void setInverse(String sql) throws SQLException {
        try (Connection c = TargetTables.connection(); java.sql.PreparedStatement ps = c.prepareStatement("UPDATE `"
                + meta + "`.tollgate_execution_ledger SET rollback_sql = ? WHERE ticket_id = 'LP-A' AND phase = 'EXECUTE'"
                + " AND statement_index = 1")) {
            ps.setString(1, sql);
            ps.executeUpdate();
        }
    }

    @Test
    void aTicketOnTheLedgerSchemaItselfIsRefused() throws SQLException {
        String before = ledger();

        ExecutionReport report = executor.execute("LP-C", meta, List.of(
                "DELETE FROM tollgate_execution_ledger WHERE ticket_id = 'LP-A' AND phase = 'EXECUTE'"
                        + " AND statement_index = 1"));

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.stoppedAt().orElseThrow().message()).contains("Tollgate's execution ledger");
        assertThat(ledger()).isEqualTo(before);
    }

    @Test
    void aNameThatOnlyBeginsLikeTheSchemaIsFine() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.`" + meta + "_notes` (id INT PRIMARY KEY)");

        ExecutionReport report = executor.execute("LP-D", db, List.of("INSERT INTO `" + db + "`.`"
                + meta + "_notes` VALUES (1)", "UPDATE t SET v = 'deux' WHERE id = 2"));

        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    private String ledger() throws SQLException {
        return query("SELECT ticket_id, phase, statement_index, state, rollback_sql FROM `" + meta
                + "`.tollgate_execution_ledger ORDER BY 1, 2, 3");
    }

    private String rows() throws SQLException {
        return query("SELECT id, v FROM `" + db + "`.t ORDER BY id");
    }

    private static String query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getString(i));
                }
                rows.add(String.join(" ", values) + "\n");
            }
        }
        return String.join("", rows);
    }
}
