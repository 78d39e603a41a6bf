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
import java.util.List;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rollback never destroys a change made after the ticket: it restores only the columns the ticket changed, and
 * only while they hold what the ticket left; a row changed since is a conflict, and then nothing is written unless
 * a DBA chose to skip the conflicting rows or to force them. Against the machine's MariaDB/MySQL.
 */
class RollbackConflictIT {

    final String db = "tg_rc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(
            new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);

    @BeforeEach
    void createTarget() throws SQLException {
        sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(40), n INT)");
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            rows.append(i == 1 ? "" : ", ").append("(").append(i).append(", 'name").append(i).append("', ")
                    .append(i * 10).append(")");
        }
        sql("INSERT INTO `" + db + "`.t VALUES " + rows);
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aColumnTheTicketNeverTouchedKeepsItsNewerValue() throws SQLException {
        execute("R-1", "UPDATE t SET n = 7777 WHERE id = 7");
        sql("UPDATE `" + db + "`.t SET name = 'app-change' WHERE id = 7");

        ExecutionReport report = executor.rollback("R-1");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(row(7)).isEqualTo("7|app-change|70");
        assertThat(executor.recordedRollback("R-1").get(0).sql())
                .isEqualTo("UPDATE `" + db + "`.`t` SET `n` = 70 WHERE `id` = 7 AND `n` <=> 7777;\n");
    }

    @Test
    void aChangedColumnIsAConflictAndTheRollbackWritesNothing() throws SQLException {
        execute("R-2", "UPDATE t SET n = 7777 WHERE id IN (7, 8)", "UPDATE t SET name = 'ticket' WHERE id = 9");
        sql("UPDATE `" + db + "`.t SET name = 'app-change', n = 9999 WHERE id = 7");
        String before = table();

        ExecutionReport report = executor.rollback("R-2");

        assertThat(report.completed()).isFalse();
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(Status.CONFLICT);
            assertThat(s.index()).isEqualTo(1);
        });
        assertThat(report.conflictCount()).isEqualTo(1);
        RowConflict conflict = report.conflicts().get(0);
        assertThat(conflict.statement()).isEqualTo(1);
        assertThat(conflict.key()).isEqualTo("`id` = 7");
        assertThat(conflict.reason()).isEqualTo("changed since");
        assertThat(conflict.columns()).containsExactly(new RowConflict.Column("n", "70", "7777", "9999"));
        assertThat(conflict.heldBack()).as("a newer value: Force may overwrite it").isFalse();
        assertThat(table()).as("statement 2's rollback ran first in order, and was undone too").isEqualTo(before);
        assertThat(executor.rollback("R-2").stoppedAt()).hasValueSatisfying(
                s -> assertThat(s.status()).isEqualTo(Status.CONFLICT));
    }

    @Test
    void aLaterChangeOfTrailingSpacesOrCaseIsAConflict() throws SQLException {
        // the guard compared in the column's _bin collation, which pads with spaces: 'ticket ' passed for 'ticket'
        execute("R-9", "UPDATE t SET name = 'ticket' WHERE id IN (5, 6)");
        sql("UPDATE `" + db + "`.t SET name = 'ticket ' WHERE id = 5", "UPDATE `" + db + "`.t SET name = 'Ticket'"
                + " WHERE id = 6");
        String before = table();

        ExecutionReport report = executor.rollback("R-9");

        assertThat(report.conflicts()).extracting(RowConflict::key).containsExactlyInAnyOrder("`id` = 5", "`id` = 6");
        assertThat(report.conflicts()).filteredOn(c -> c.key().equals("`id` = 5")).singleElement()
                .satisfies(c -> assertThat(c.columns())
                        .containsExactly(new RowConflict.Column("name", "'name5'", "'ticket'", "'ticket '")));
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aRowDeletedSinceIsAConflict() throws SQLException {
        execute("R-3", "UPDATE t SET n = 1 WHERE id IN (3, 4)");
        sql("DELETE FROM `" + db + "`.t WHERE id = 3");
        String before = table();

        ExecutionReport report = executor.rollback("R-3");

        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("the row is gone");
            assertThat(c.columns()).containsExactly(new RowConflict.Column("n", "30", "1", null));
        });
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void anInsertedRowChangedSinceIsAConflictAndIsNotDeleted() throws SQLException {
        execute("R-4", "INSERT INTO t (id, name, n) VALUES (100, 'new', 1), (101, 'new', 2)");
        sql("UPDATE `" + db + "`.t SET n = 5 WHERE id = 100");
        String before = table();

        ExecutionReport report = executor.rollback("R-4");

        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("`id` = 100");
            assertThat(c.columns()).contains(new RowConflict.Column("n", null, "1", "5"));
        });
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aDeletedRowWhoseKeyCameBackIsAConflict() throws SQLException {
        execute("R-5", "DELETE FROM t WHERE id IN (5, 6)");
        sql("INSERT INTO `" + db + "`.t VALUES (5, 'someone else', 55)");
        String before = table();

        ExecutionReport report = executor.rollback("R-5");

        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.reason()).isEqualTo("a row with this key was added since");
            assertThat(c.columns()).contains(new RowConflict.Column("name", "'name5'", null, "'someone else'"));
        });
        assertThat(table()).isEqualTo(before);
    }

    @Test
    void aCaseOnlyChangeInACaseInsensitiveColumnIsStillAConflict() throws SQLException {
        execute("R-6", "UPDATE t SET name = 'bob' WHERE id = 2");
        sql("UPDATE `" + db + "`.t SET name = 'BOB' WHERE id = 2");

        assertThat(executor.rollback("R-6").conflicts()).singleElement()
                .satisfies(c -> assertThat(c.columns()).containsExactly(
                        new RowConflict.Column("name", "'name2'", "'bob'", "'BOB'")));
        assertThat(row(2)).isEqualTo("2|BOB|20");
    }

    /**
     * A text key changed since only in case or trailing spaces still names the row in a case-insensitive, space-padding
     * collation: the DELETE that undoes an INSERT deleted the row under its newer key and said ROLLED_BACK (a helper's
     * finding), and an UPDATE's inverse wrote over it. The key is guarded byte for byte like the other columns.
     */
    @Test
    void aKeyChangedSinceOnlyInCaseOrSpacesIsAConflict() throws SQLException {
        sql("CREATE TABLE `" + db + "`.ck (k VARCHAR(10) COLLATE utf8mb4_general_ci PRIMARY KEY, v INT)",
                "INSERT INTO `" + db + "`.ck VALUES ('old', 1)");
        List<String[]> cases = List.of(
                new String[] {"INSERT INTO ck (k, v) VALUES ('abc', 1)", "UPDATE `%s`.ck SET k = 'ABC' WHERE k = 'abc'"},
                new String[] {"INSERT INTO ck (k, v) VALUES ('abc', 1)", "UPDATE `%s`.ck SET k = 'abc ' WHERE k = 'abc'"},
                new String[] {"UPDATE ck SET v = 2 WHERE k = 'old'", "UPDATE `%s`.ck SET k = 'OLD' WHERE k = 'old'"});
        for (int i = 0; i < cases.size(); i++) {
            String ticket = "R-K" + i;
            execute(ticket, cases.get(i)[0]);
            sql(cases.get(i)[1].formatted(db));
            String before = keys();

            ExecutionReport report = executor.rollback(ticket);

            assertThat(report.completed()).as(cases.get(i)[1] + ": " + report).isFalse();
            assertThat(report.conflicts()).as(cases.get(i)[1]).singleElement()
                    .satisfies(c -> assertThat(c.table()).isEqualTo("`" + db + "`.`ck`"));
            assertThat(keys()).as("the newer key is kept: " + cases.get(i)[1]).isEqualTo(before);
            sql("DELETE FROM `" + db + "`.ck WHERE k = 'abc'", "UPDATE `" + db + "`.ck SET k = 'old', v = 1");
        }

        execute("R-K9", "INSERT INTO ck (k, v) VALUES ('abc', 1)");
        assertThat(executor.rollback("R-K9").completed()).as("a key as the ticket left it goes").isTrue();
        assertThat(keys()).isEqualTo("[old]=1");
    }

    private String keys() throws SQLException {
        return TargetTables.scalar("SELECT GROUP_CONCAT(CONCAT('[', k, ']=', v) ORDER BY k SEPARATOR ' ') FROM `" + db
                + "`.ck");
    }

    /**
     * An inserted row is deleted by its rollback only while it is as the ticket left it, columns added since included: a
     * column added since holds a value written since in it (a helper's finding: the DELETE guarded the columns the
     * table had when the ticket ran, and took the row and its newer note with it). A column added since that holds its
     * default is no change.
     */
    @Test
    void anInsertedRowWithAValueInAColumnAddedSinceIsNotDeleted() throws SQLException {
        sql("CREATE TABLE `" + db + "`.m1 (id INT PRIMARY KEY, v VARCHAR(20))");
        execute("R-M1", "INSERT INTO m1 (id, v) VALUES (10, 'x')");
        sql("ALTER TABLE `" + db + "`.m1 ADD COLUMN note VARCHAR(50) NULL, ADD COLUMN tier VARCHAR(5) NOT NULL"
                + " DEFAULT 'a'", "UPDATE `" + db + "`.m1 SET note = 'important, written since' WHERE id = 10");

        ExecutionReport report = executor.rollback("R-M1");

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("`id` = 10");
            assertThat(c.reason()).contains("`note`");
        });
        assertThat(TargetTables.scalar("SELECT note FROM `" + db + "`.m1 WHERE id = 10"))
                .isEqualTo("important, written since");

        // a column added since that still holds its default, or NULL where it has none, changes nothing
        sql("UPDATE `" + db + "`.m1 SET note = NULL WHERE id = 10");
        ExecutionReport again = executor.rollback("R-M1");
        assertThat(again.completed()).as(again.toString()).isTrue();
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.m1")).isEqualTo("0");
    }

    /**
     * A line the server refuses to put back (a row added since points at a row the ticket inserted, through a foreign
     * key that restricts; a CHECK added since that an old value breaks) is found by the trial run, so nothing is
     * written: a helper's rollback undid the other statements, committed them, then failed at that one, half done,
     * with no conflict to skip. Skipping the conflicts then rolls back the rest and leaves those rows; Force leaves them
     * too, as it would only fail again.
     */
    @Test
    void aLineTheServerRefusesIsAConflictFoundBeforeAnythingIsWritten() throws SQLException {
        sql("CREATE TABLE `" + db + "`.p (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                "CREATE TABLE `" + db + "`.ch (id INT PRIMARY KEY, pid INT, FOREIGN KEY (pid) REFERENCES `" + db
                        + "`.p (id)) ENGINE=InnoDB",
                "CREATE TABLE `" + db + "`.ck (id INT PRIMARY KEY, v INT) ENGINE=InnoDB",
                "INSERT INTO `" + db + "`.ck VALUES (3, 9)");
        // the last statement's inverse runs first: the refused lines sit in the middle of the rollback's order
        execute("R-F1", "UPDATE t SET n = 1 WHERE id = 1", "INSERT INTO p (id, v) VALUES (10, 1)",
                "DELETE FROM ck WHERE id = 3", "UPDATE t SET n = 2 WHERE id = 2");
        sql("INSERT INTO `" + db + "`.ch VALUES (1, 10)",
                "ALTER TABLE `" + db + "`.ck ADD CONSTRAINT c_v CHECK (v < 9)");
        String before = table() + TargetTables.scalar("SELECT GROUP_CONCAT(id) FROM `" + db + "`.p")
                + TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.ck");

        ExecutionReport stopped = executor.rollback("R-F1");

        assertThat(stopped.completed()).isFalse();
        assertThat(stopped.conflicts()).as(stopped.toString()).hasSize(2).allSatisfy(c -> {
            assertThat(c.reason()).startsWith("the server refuses to put it back");
            assertThat(c.heldBack()).isTrue();
        });
        assertThat(stopped.conflicts()).extracting(RowConflict::statement).containsExactlyInAnyOrder(2, 3);
        assertThat(stopped.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("refused by the server").contains("the rollback changed nothing"));
        assertThat(table() + TargetTables.scalar("SELECT GROUP_CONCAT(id) FROM `" + db + "`.p")
                + TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.ck")).as("nothing written").isEqualTo(before);

        ExecutionReport forced = executor.rollback("R-F1", ConflictPolicy.FORCE);
        assertThat(forced.completed()).as(forced.toString()).isTrue();
        assertThat(List.of(row(1), row(2))).containsExactly("1|name1|10", "2|name2|20");
        assertThat(TargetTables.scalar("SELECT GROUP_CONCAT(id) FROM `" + db + "`.p")).as("still pointed at")
                .isEqualTo("10");
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.ck")).as("breaks the CHECK").isEqualTo("0");
    }

    @Test
    void aDbaMayRollBackTheRowsWithoutConflictOnly() throws SQLException {
        execute("R-7", "UPDATE t SET n = 0 WHERE id IN (1, 2, 3)");
        sql("UPDATE `" + db + "`.t SET n = 999 WHERE id = 2");

        ExecutionReport report = executor.rollback("R-7", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).isTrue();
        assertThat(report.statements().get(0).message()).isEqualTo("1 conflicting row left as it is now");
        assertThat(List.of(row(1), row(2), row(3))).containsExactly("1|name1|10", "2|name2|999", "3|name3|30");
        assertThat(executor.rollback("R-7").statements()).extracting(StatementOutcome::status)
                .containsOnly(Status.ALREADY_DONE);
    }

    /**
     * A helper's attack: a ticket changed row 1 twice, and the application set it back to the first statement's
     * value. "Roll back the other rows only" skipped statement 2's line (its guard failed) but ran statement 1's,
     * whose guard the newer value matched: the newer change was overwritten. A row that conflicts is left whole.
     */
    @Test
    void rollingBackTheOtherRowsOnlyLeavesEveryLineOfAConflictingRow() throws SQLException {
        execute("R-10", "UPDATE t SET name = 'a' WHERE id = 1", "UPDATE t SET name = 'b' WHERE id = 1",
                "UPDATE t SET name = 'r' WHERE id = 2");
        sql("UPDATE `" + db + "`.t SET name = 'a' WHERE id = 1");

        ExecutionReport report = executor.rollback("R-10", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(List.of(row(1), row(2))).as("row 1 keeps the newer 'a'").containsExactly("1|a|10", "2|name2|20");
    }

    /** The same when the conflicting line is of an earlier statement than a line of the row that still matches. */
    @Test
    void aRowWhoseEarlierStatementConflictsIsNotPartlyRolledBack() throws SQLException {
        execute("R-11", "UPDATE t SET name = 'a' WHERE id = 2", "UPDATE t SET n = 5 WHERE id = 2",
                "UPDATE t SET n = 6 WHERE id = 3");
        sql("UPDATE `" + db + "`.t SET name = 'z' WHERE id = 2");

        ExecutionReport report = executor.rollback("R-11", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(List.of(row(2), row(3))).as("row 2 left whole, n included").containsExactly("2|z|5", "3|name3|30");
    }

    /** A row deleted by the ticket whose key came back: the newer row is left whole, not updated by an earlier line. */
    @Test
    void aNewerRowInTheKeyOfADeletedOneIsLeftWhole() throws SQLException {
        execute("R-12", "UPDATE t SET name = 'a' WHERE id = 3", "DELETE FROM t WHERE id = 3");
        sql("INSERT INTO `" + db + "`.t VALUES (3, 'a', 7)");

        ExecutionReport report = executor.rollback("R-12", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(row(3)).isEqualTo("3|a|7");
    }

    @Test
    void aDbaMayForceTheRollbackOverTheNewerChanges() throws SQLException {
        execute("R-8", "UPDATE t SET n = 0 WHERE id IN (1, 2)", "DELETE FROM t WHERE id = 3",
                "INSERT INTO t VALUES (50, 'x', 1)");
        sql("UPDATE `" + db + "`.t SET n = 999 WHERE id = 2", "INSERT INTO `" + db + "`.t VALUES (3, 'back', 3)",
                "UPDATE `" + db + "`.t SET n = 2 WHERE id = 50");

        ExecutionReport report = executor.rollback("R-8", ConflictPolicy.FORCE);

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(table()).isEqualTo(originalTable);
    }

    @Test
    void theShownRollbackSqlCarriesTheGuardSoItIsSafeToRunByHand() throws SQLException {
        execute("R-9", "UPDATE t SET n = 1 WHERE id = 1");
        String shown = executor.recordedRollback("R-9").get(0).sql();
        sql("UPDATE `" + db + "`.t SET n = 2 WHERE id = 1");

        try (Connection c = connection(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(shown.strip().replaceAll(";$", ""))).isZero();
        }
        assertThat(row(1)).isEqualTo("1|name1|2");
    }

    // --- helpers

    private String originalTable;

    private void execute(String ticketId, String... statements) throws SQLException {
        originalTable = table();
        ExecutionReport report = executor.execute(ticketId, db, List.of(statements));
        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    private String row(int id) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, n FROM `" + db + "`.t WHERE id = " + id)) {
            return rs.next() ? rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) : "(gone)";
        }
    }

    private String table() throws SQLException {
        return TargetTables.table(db);
    }

    private static void sql(String... statements) throws SQLException {
        TargetTables.sql(statements);
    }

    private static Connection connection() throws SQLException {
        return TargetTables.connection();
    }
}
