package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * MariaDB's system-versioned tables: their primary key ends with the ROW END column, which the statements never see
 * (every current row holds it at its maximum). The executor took that column for one of the images' and failed with
 * an IndexOutOfBoundsException. A statement changes the current rows and the rollback restores them; the versions
 * both leave stay in the table's history, which is what system versioning is for.
 */
class SystemVersionedIT {

    final String db = "tg_sv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(40)) WITH SYSTEM VERSIONING",
                "INSERT INTO `" + db + "`.t VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "CREATE TABLE `" + db + "`.declared (id INT PRIMARY KEY, v VARCHAR(40),"
                        + " since TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
                        + " until TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
                        + " PERIOD FOR SYSTEM_TIME (since, until)) WITH SYSTEM VERSIONING",
                "INSERT INTO `" + db + "`.declared (id, v) VALUES (1, 'one'), (2, 'two')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE t SET v = 'changed' WHERE id >= 2", "DELETE FROM t WHERE id = 1",
            "INSERT INTO t VALUES (4, 'four'), (5, 'five')", "UPDATE declared SET v = 'changed'",
            "DELETE FROM declared WHERE v = 'two'", "INSERT INTO declared (id, v) VALUES (3, 'three')"})
    void aStatementOnAVersionedTableRunsAndRollsBackItsCurrentRows(String statement) throws SQLException {
        String table = statement.contains("declared") ? "declared" : "t";
        String before = current(table);
        TargetTables.assertRunsAndRollsBack(executor, db, List.of(statement), () -> current(table));
        assertThat(Long.parseLong(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.`" + table
                + "` FOR SYSTEM_TIME ALL"))).as("the versions stay in the history")
                .isGreaterThan(before.split("\n").length);
    }

    @Test
    void aRowChangedSinceTheTicketStopsItsRollbackAsOnAnyTable() throws SQLException {
        String ticket = "SV-" + UUID.randomUUID();
        assertThat(executor.execute(ticket, db, List.of("UPDATE t SET v = 'ticket' WHERE id = 2")).completed()).isTrue();
        TargetTables.sql("UPDATE `" + db + "`.t SET v = 'later' WHERE id = 2");

        ExecutionReport rolledBack = executor.rollback(ticket);

        assertThat(rolledBack.completed()).isFalse();
        assertThat(rolledBack.conflicts()).isNotEmpty();
        assertThat(current("t")).isEqualTo("1 one\n2 later\n3 three");
    }

    private String current(String table) throws SQLException {
        return TargetTables.scalar("SELECT GROUP_CONCAT(id, ' ', v ORDER BY id SEPARATOR '\\n') FROM `" + db + "`.`"
                + table + "`");
    }
}
