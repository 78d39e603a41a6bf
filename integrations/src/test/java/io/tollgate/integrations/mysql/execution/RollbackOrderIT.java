package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * The server checks unique and foreign keys row by row, so some statements succeed only in the order they change
 * rows: {@code SET u = u - 1 ORDER BY u} shifts a unique column down, a DELETE of a subtree with a self-referencing
 * key goes children first. Their rollback ran its rows in the images' order, the statement's own: it failed on a
 * duplicate key or a missing parent, and the rows stayed changed. The images are now read in the statement's order,
 * and undone in the reverse.
 */
class RollbackOrderIT {

    final String db = "tg_ro_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.ranks (id INT PRIMARY KEY, u INT NOT NULL UNIQUE)",
                "INSERT INTO `" + db + "`.ranks VALUES (1, 1), (2, 2), (3, 3), (4, 5)",
                "CREATE TABLE `" + db + "`.tree (id INT PRIMARY KEY, parent INT NULL,"
                        + " FOREIGN KEY (parent) REFERENCES `" + db + "`.tree (id))",
                // the root's key is the largest: in key order a child comes before its parent
                "INSERT INTO `" + db + "`.tree VALUES (10, NULL)", "INSERT INTO `" + db + "`.tree VALUES (2, 10)",
                "INSERT INTO `" + db + "`.tree VALUES (3, 2)", "INSERT INTO `" + db + "`.tree VALUES (4, 10)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE ranks SET u = u - 1 ORDER BY u", "UPDATE ranks SET u = u + 1 ORDER BY u DESC",
            "UPDATE ranks SET u = u - 1 WHERE id < 4 ORDER BY u -- then the others\n",
            "DELETE FROM tree WHERE id < 10 ORDER BY id DESC", "DELETE FROM tree ORDER BY parent IS NULL, id DESC"})
    void aStatementThatSucceedsOnlyInItsOrderRollsBackInTheReverse(String statement) throws SQLException {
        TargetTables.assertRunsAndRollsBack(executor, db, List.of(statement), this::tables);
    }

    private String tables() throws SQLException {
        return TargetTables.scalar("SELECT CONCAT((SELECT GROUP_CONCAT(id, ':', u ORDER BY id) FROM `" + db + "`.ranks),"
                + " ' | ', IFNULL((SELECT GROUP_CONCAT(id, ':', IFNULL(parent, '-') ORDER BY id) FROM `" + db
                + "`.tree), ''))");
    }
}
