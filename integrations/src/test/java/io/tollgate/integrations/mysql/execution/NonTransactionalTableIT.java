package io.tollgate.integrations.mysql.execution;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A table whose engine cannot undo a statement (MyISAM, Aria, MEMORY) breaks what the executor rests on: a failed
 * statement is rolled back, a group that failed is run again one statement at a time, a rollback is tried first and
 * undone. On such a table a statement ran twice, a failed one stayed half done with nothing to undo it, and a
 * rollback's trial run changed a row and then reported a conflict. Statements on them are refused before they run,
 * and a rollback line on one (the table altered since) is a conflict nothing forces. Against the machine's MariaDB.
 */
class NonTransactionalTableIT {

    final String db = "tg_myisam_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=MyISAM",
                "CREATE TABLE `" + db + "`.part (id INT PRIMARY KEY, u INT NOT NULL, UNIQUE KEY uk_u (u)) ENGINE=MyISAM",
                "CREATE TABLE `" + db + "`.dup (id INT PRIMARY KEY, v INT NOT NULL) ENGINE=InnoDB",
                "CREATE TABLE `" + db + "`.stock (id INT PRIMARY KEY, qty INT NOT NULL) ENGINE=InnoDB",
                "INSERT INTO `" + db + "`.counter VALUES (1, 0)",
                "INSERT INTO `" + db + "`.part VALUES (1, 1), (2, 2), (3, 3), (4, 13)",
                "INSERT INTO `" + db + "`.dup VALUES (5, 1)",
                "INSERT INTO `" + db + "`.stock VALUES (1, 10), (2, 20)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aStatementOnAMyisamTableIsRefusedBeforeItRunsAndRunsNoneTwice() throws SQLException {
        String before = everything();

        // the second statement fails: the group is run again one by one, and a MyISAM UPDATE would have run twice
        ExecutionReport twice = executor.execute("MY-1", db, List.of("UPDATE counter SET n = n + 1 WHERE id = 1",
                "INSERT INTO dup (id, v) VALUES (5, 2)"));
        // a statement that fails half way on MyISAM would stay half done, with no inverse for what it changed
        ExecutionReport half = executor.execute("MY-2", db, List.of("UPDATE part SET u = u + 10 WHERE id <= 3"));

        for (ExecutionReport refused : List.of(twice, half)) {
            assertThat(refused.completed()).isFalse();
            assertThat(refused.statements().get(0).status()).isEqualTo(Status.FAILED);
            assertThat(refused.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                    .contains("is stored by MyISAM, which cannot undo a statement"));
        }
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aRollbackOnATableAlteredToMyisamSinceIsAConflictThatChangesNothing() throws SQLException {
        ExecutionReport report = executor.execute("MY-3", db, List.of("UPDATE stock SET qty = 0 WHERE id = 1"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        TargetTables.sql("ALTER TABLE `" + db + "`.stock ENGINE=MyISAM");
        String before = everything();

        ExecutionReport stop = executor.rollback("MY-3");
        ExecutionReport forced = executor.rollback("MY-3", ConflictPolicy.FORCE);

        assertThat(stop.completed()).isFalse();
        assertThat(stop.conflicts()).singleElement().satisfies(c -> assertThat(c.reason())
                .contains("`stock`", "MyISAM", "cannot undo a statement"));
        assertThat(forced.statements()).singleElement().satisfies(o -> assertThat(o.message())
                .contains("1 conflicting row"));
        assertThat(everything()).as("neither the trial run nor the forced one wrote the MyISAM table").isEqualTo(before);
    }

    private String everything() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            for (String table : List.of("counter", "part", "dup", "stock")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM `" + db + "`." + table + " ORDER BY id")) {
                    while (rs.next()) {
                        rows.add(table + " " + rs.getString(1) + " " + rs.getString(2) + "\n");
                    }
                }
            }
        }
        return String.join("", rows);
    }
}
