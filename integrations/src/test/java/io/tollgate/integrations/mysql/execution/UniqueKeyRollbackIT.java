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
 * A rollback that would put back a value of a unique key which another row holds since the ticket ran: the other row
 * is a newer change the rollback must not destroy. It is a conflict a DBA decides on (not a failure), no policy
 * writes the other row (Force included), and "roll back the other rows only" leaves this one as it is. Against the
 * machine's MariaDB/MySQL.
 */
class UniqueKeyRollbackIT {

    final String db = "tg_uk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.u (id INT PRIMARY KEY, email VARCHAR(40) NOT NULL, name VARCHAR(40),"
                        + " UNIQUE KEY uk_email (email))",
                "INSERT INTO `" + db + "`.u VALUES (1, 'a@x', 'one'), (2, 'b@x', 'two'), (3, 'c@x', 'three')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void anUpdatedUniqueValueTakenByANewRowIsAConflictNotAFailure() throws SQLException {
        execute("U-1", "UPDATE u SET email = 'new@x' WHERE id = 1", "UPDATE u SET name = 'ticket' WHERE id = 2");
        TargetTables.sql("INSERT INTO `" + db + "`.u VALUES (9, 'a@x', 'newer')");
        List<String> before = rows();

        ExecutionReport report = executor.rollback("U-1");

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(Status.CONFLICT);
            assertThat(s.index()).isEqualTo(1);
        });
        assertThat(report.conflictCount()).isEqualTo(1);
        RowConflict conflict = report.conflicts().get(0);
        assertThat(conflict.key()).isEqualTo("`id` = 1");
        assertThat(conflict.reason()).startsWith("another row holds a value of a unique key").contains("uk_email")
                .contains("a@x");
        assertThat(conflict.heldBack()).as("restoring it would need the other row changed: never forced").isTrue();
        assertThat(conflict.columns()).containsExactly(new RowConflict.Column("email", "'a@x'", "'new@x'", "'new@x'"));
        assertThat(rows()).as("statement 2's rollback ran first and was undone").isEqualTo(before);
    }

    @Test
    void rollingBackTheOtherRowsOnlyLeavesTheRowAndTheNewerOne() throws SQLException {
        execute("U-2", "UPDATE u SET email = 'new@x' WHERE id = 1", "UPDATE u SET name = 'ticket' WHERE id = 2");
        TargetTables.sql("INSERT INTO `" + db + "`.u VALUES (9, 'a@x', 'newer')");

        ExecutionReport report = executor.rollback("U-2", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).containsExactly("1|new@x|one", "2|b@x|two", "3|c@x|three", "9|a@x|newer");
        assertThat(report.statements()).filteredOn(s -> s.index() == 1).singleElement()
                .satisfies(s -> assertThat(s.message()).isEqualTo("1 conflicting row left as it is now"));
    }

    @Test
    void forceNeverWritesTheRowThatHoldsTheValueNow() throws SQLException {
        execute("U-3", "UPDATE u SET email = 'new@x' WHERE id = 1", "DELETE FROM u WHERE id = 3");
        // both values the rollback would put back are held by rows added since, under other keys
        TargetTables.sql("INSERT INTO `" + db + "`.u VALUES (9, 'a@x', 'newer'), (10, 'c@x', 'newest')");

        ExecutionReport report = executor.rollback("U-3", ConflictPolicy.FORCE);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).as("row 10 keeps its name (an upsert would have written row 3's into it)")
                .containsExactly("1|new@x|one", "2|b@x|two", "9|a@x|newer", "10|c@x|newest");
        assertThat(report.statements()).extracting(StatementOutcome::message)
                .containsOnly("1 conflicting row left as it is now");
    }

    @Test
    void aDeletedRowWhoseUniqueValueAnotherRowTookIsAConflictNamingTheKey() throws SQLException {
        execute("U-4", "DELETE FROM u WHERE id = 3");
        TargetTables.sql("INSERT INTO `" + db + "`.u VALUES (10, 'c@x', 'newest')");
        List<String> before = rows();

        ExecutionReport report = executor.rollback("U-4");

        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("`id` = 3");
            assertThat(c.reason()).startsWith("another row holds a value of a unique key").contains("uk_email");
            assertThat(c.heldBack()).isTrue();
        });
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void forceStillPutsBackARowWhoseOwnKeyCameBack() throws SQLException {
        execute("U-5", "DELETE FROM u WHERE id = 3");
        TargetTables.sql("INSERT INTO `" + db + "`.u VALUES (3, 'other@x', 'back')");

        assertThat(executor.rollback("U-5").conflicts()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("a row with this key was added since");
            assertThat(c.heldBack()).isFalse();
        });
        ExecutionReport forced = executor.rollback("U-5", ConflictPolicy.FORCE);

        assertThat(forced.completed()).as(forced.toString()).isTrue();
        assertThat(rows()).containsExactly("1|a@x|one", "2|b@x|two", "3|c@x|three");
    }

    private void execute(String ticketId, String... statements) throws SQLException {
        ExecutionReport report = executor.execute(ticketId, db, List.of(statements));
        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, email, name FROM `" + db + "`.u ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        return rows;
    }
}
