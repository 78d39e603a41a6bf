package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A table restored from a dump often holds a row 0 under its auto-increment key (mysqldump writes it with
 * {@code NO_AUTO_VALUE_ON_ZERO}). Given 0, the server generates a new key instead. {@code INSERT ... VALUES (0, 'new')}
 * stored row 2; read back by the key it gave, the row found was row 0, and the rollback deleted row 0 and kept
 * row 2. The other way round, a DELETE of row 0 rolled back as a new row 3.
 */
class AutoIncrementZeroIT {

    final String db = "tg_ai_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + db + "`");
            s.execute("CREATE TABLE `" + db + "`.t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
            s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')"); // as a dump loads
            s.execute("INSERT INTO `" + db + "`.t VALUES (0, 'zero'), (1, 'one')");
        }
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "'0'", "FALSE"})
    void anInsertGivingTheKeyOfRowZeroIsRefusedWithNothingChanged(String zero) throws SQLException {
        TargetTables.assertRefused(executor, db, "AI-" + UUID.randomUUID(),
                "INSERT INTO t (id, v) VALUES (7, 'seven'), (" + zero + ", 'new')", "of a row that is already there");
        assertThat(TargetTables.idsAndValues(db)).containsExactly("0 zero", "1 one");
    }

    @Test
    void aDeletedRowZeroComesBackAsRowZero() throws SQLException {
        String ticket = "AI-" + UUID.randomUUID();
        assertThat(executor.execute(ticket, db, List.of("DELETE FROM t WHERE v = 'zero'")).completed()).isTrue();
        assertThat(TargetTables.idsAndValues(db)).containsExactly("1 one");

        assertThat(executor.rollback(ticket).completed()).isTrue();

        assertThat(TargetTables.idsAndValues(db)).containsExactly("0 zero", "1 one");
    }

    @Test
    void anInsertOfNewKeysRunsAndRollsBackAsBefore() throws SQLException {
        String ticket = "AI-" + UUID.randomUUID();
        ExecutionReport report = executor.execute(ticket, db, List.of("INSERT INTO t (id, v) VALUES (5, 'five')",
                "INSERT INTO t (v) VALUES ('generated')"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(TargetTables.idsAndValues(db)).containsExactly("0 zero", "1 one", "5 five", "6 generated");

        assertThat(executor.rollback(ticket).completed()).isTrue();

        assertThat(TargetTables.idsAndValues(db)).containsExactly("0 zero", "1 one");
    }
}
