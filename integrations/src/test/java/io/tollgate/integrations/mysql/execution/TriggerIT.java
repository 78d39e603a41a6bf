package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.execution.internal.RollbackConflicts;
import io.tollgate.integrations.mysql.execution.internal.RollbackLine;
import io.tollgate.integrations.mysql.execution.internal.StatementRun;
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
 * Rows a trigger changes in other tables get no before-image: a statement that would fire a trigger updating or
 * deleting other rows is refused before it runs, and a rollback line that would is a conflict that no policy forces
 * (ADR 0039). Triggers that write only their row, or only insert elsewhere, run. Against the machine's MariaDB/MySQL.
 */
class TriggerIT {

    final String db = "tg_trg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(
            new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.parent (id INT PRIMARY KEY, v VARCHAR(20))",
                // a cascade written as a trigger, as schemas without foreign keys do
                "CREATE TABLE `" + db + "`.child (id INT PRIMARY KEY, parent_id INT)",
                "CREATE TRIGGER `" + db + "`.parent_cleanup AFTER DELETE ON `" + db + "`.parent FOR EACH ROW"
                        + " DELETE FROM `" + db + "`.child WHERE parent_id = OLD.id",
                "CREATE TABLE `" + db + "`.item (id INT PRIMARY KEY, qty INT, note VARCHAR(20))",
                "CREATE TABLE `" + db + "`.stock (id INT PRIMARY KEY, qty INT)",
                "CREATE TRIGGER `" + db + "`.item_stock AFTER INSERT ON `" + db + "`.item FOR EACH ROW"
                        + " UPDATE `" + db + "`.stock SET qty = qty - NEW.qty WHERE id = 1",
                "CREATE TABLE `" + db + "`.audit (n INT AUTO_INCREMENT PRIMARY KEY, item INT, what VARCHAR(20))",
                // an audit trigger and a check: they write nothing but the audit and the row itself
                "CREATE TRIGGER `" + db + "`.item_audit AFTER UPDATE ON `" + db + "`.item FOR EACH ROW"
                        + " INSERT INTO `" + db + "`.audit (item, what) VALUES (NEW.id, 'update')",
                "CREATE TRIGGER `" + db + "`.item_check BEFORE UPDATE ON `" + db + "`.item FOR EACH ROW BEGIN"
                        + " IF NEW.qty < 0 THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'no DELETE'; END IF;"
                        + " SET NEW.note = REPLACE(NEW.note, 'x', 'y'); END",
                "INSERT INTO `" + db + "`.parent VALUES (1, 'one'), (2, 'two')",
                "INSERT INTO `" + db + "`.child VALUES (10, 1), (11, 1)",
                "INSERT INTO `" + db + "`.stock VALUES (1, 100)");
        // the item row exists before its insert trigger matters
        TargetTables.sql("INSERT INTO `" + db + "`.item VALUES (1, 5, 'a')");
        TargetTables.sql("UPDATE `" + db + "`.stock SET qty = 100");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aDeleteWhoseTriggerDeletesOtherRowsIsRefusedAndChangesNothing() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("TRG-1", db, List.of("UPDATE parent SET v = 'uno' WHERE id = 1",
                "DELETE FROM parent WHERE id = 1"));

        assertThat(report.completed()).isFalse();
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).as(report.toString()).isEqualTo(2);
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.message()).contains("fires trigger `parent_cleanup` (AFTER DELETE), which deletes rows of other tables",
                    "no before-image");
        });
        assertThat(everything()).as("statement 1 ran, statement 2 changed nothing")
                .isEqualTo(before.replace("parent 1 one", "parent 1 uno"));
    }

    /**
     * A BEFORE trigger that sets a column of the row runs again on the rows a rollback restores: the column holds what
     * the trigger sets, not the before-image. The rollback says so on each such statement instead of reporting a plain
     * success (found by trying it: a version column 0 came back as 2, and 7 as 0, on a ticket that said ROLLED_BACK).
     */
    @Test
    void aRollbackSaysWhichBeforeTriggersSetColumnsOfTheRowsItRestored() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.tv (id INT PRIMARY KEY, a INT, ver INT NOT NULL DEFAULT 0)",
                "INSERT INTO `" + db + "`.tv VALUES (1, 1, 0), (2, 5, 7)",
                "CREATE TRIGGER `" + db + "`.tv_bu BEFORE UPDATE ON `" + db + "`.tv FOR EACH ROW"
                        + " SET NEW.ver = OLD.ver + 1",
                "CREATE TRIGGER `" + db + "`.tv_bi BEFORE INSERT ON `" + db + "`.tv FOR EACH ROW SET NEW.ver = 0");
        ExecutionReport report = executor.execute("TRG-9", db, List.of("UPDATE tv SET a = 2 WHERE id = 1",
                "DELETE FROM tv WHERE id = 2"));
        assertThat(report.completed()).as(report.toString()).isTrue();

        ExecutionReport rolledBack = executor.rollback("TRG-9");

        assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
        assertThat(rolledBack.statements()).extracting(StatementOutcome::message).containsExactlyInAnyOrder(
                "the table's BEFORE trigger tv_bu ran again on the restored rows: the columns it sets hold what it"
                        + " set, not what they held before the ticket",
                "the table's BEFORE trigger tv_bi ran again on the restored rows: the columns it sets hold what it"
                        + " set, not what they held before the ticket");
    }

    @Test
    void aDeleteOfNoRowFiresNoTriggerAndRuns() throws SQLException {
        ExecutionReport report = executor.execute("TRG-2", db, List.of("DELETE FROM parent WHERE id = 99"));

        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    @Test
    void anInsertWhoseTriggerUpdatesAnotherTableIsRefused() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("TRG-3", db, List.of("INSERT INTO item VALUES (2, 3, 'b')"));

        assertThat(report.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("fires trigger `item_stock` (AFTER INSERT), which updates rows of other tables"));
        assertThat(everything()).as("no item 2, the stock untouched").isEqualTo(before);
    }

    @Test
    void anInsertWhoseTriggerRewritesTheKeyIsRefusedWhereItWouldBeTakenForAnotherRow() throws SQLException {
        // the trigger moves row 1 to 101: read back by the key it was given, the row found was the one there before,
        // and the rollback deleted it and kept row 101
        movedTable("(1, 'there before')");
        String before = everything() + moved();

        ExecutionReport report = executor.execute("TRG-9", db, List.of("INSERT INTO moved (id, v) VALUES (1, 'new')"));

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.message()).contains("moved_key").contains("key");
        });
        assertThat(everything() + moved()).isEqualTo(before);

        // a key not there before: 102 stored, 2 not found by the key given, and refused as before
        ExecutionReport plain = executor.execute("TRG-10", db, List.of("INSERT INTO moved (id, v) VALUES (2, 'two')"));
        assertThat(plain.completed()).as(plain.toString()).isFalse();
        assertThat(everything() + moved()).isEqualTo(before);
    }

    @Test
    void aRollbackWhoseRestoredRowATriggerMovesFailsWithNothingChanged() throws SQLException {
        // the DELETE runs (the trigger is on INSERT); its rollback's INSERT would come back as row 101, not row 1
        movedTable("(1, 'one'), (2, 'two')");
        ExecutionReport report = executor.execute("TRG-11", db, List.of("DELETE FROM moved WHERE id = 1"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        String deleted = moved();

        ExecutionReport rollback = executor.rollback("TRG-11");

        assertThat(rollback.completed()).as(rollback.toString()).isFalse();
        assertThat(rollback.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message()).contains("another key"));
        assertThat(moved()).isEqualTo(deleted).isEqualTo("2 two");
    }

    /** Table {@code moved} with these rows, and a BEFORE INSERT trigger that adds 100 to each new row's key. */
    private void movedTable(String rows) throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.moved (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO `" + db + "`.moved VALUES " + rows,
                "CREATE TRIGGER `" + db + "`.moved_key BEFORE INSERT ON `" + db + "`.moved FOR EACH ROW"
                        + " SET NEW.id = NEW.id + 100");
    }

    private String moved() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v FROM `" + db + "`.moved ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return String.join(",", rows);
    }

    @Test
    void aRollbackWhoseDeleteWouldFireTheCleanupIsAConflictThatNoPolicyForces() throws SQLException {
        ExecutionReport report = executor.execute("TRG-4", db, List.of(
                "INSERT INTO parent VALUES (5, 'five'), (6, 'six')"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        // the application adds a child of the new parent 5 after the ticket ran
        TargetTables.sql("INSERT INTO `" + db + "`.child VALUES (50, 5)");
        String before = everything();

        ExecutionReport stop = executor.rollback("TRG-4");

        assertThat(stop.completed()).isFalse();
        assertThat(stop.stoppedAt().orElseThrow().message())
                .isEqualTo("2 rows changed since the ticket executed or would fire a trigger that changes other rows;"
                        + " the rollback changed nothing");
        assertThat(stop.conflicts()).hasSize(2).allSatisfy(c -> assertThat(c.heldBack()).isTrue())
                .allSatisfy(c -> assertThat(c.reason())
                .isEqualTo("the rollback would fire trigger `parent_cleanup` (AFTER DELETE), which deletes rows of"
                        + " other tables"));
        assertThat(everything()).isEqualTo(before);

        for (ConflictPolicy policy : List.of(ConflictPolicy.SKIP_CONFLICTS, ConflictPolicy.FORCE)) {
            ExecutionReport again = executor.rollback("TRG-4", policy);
            assertThat(again.completed()).as(again.toString()).isTrue();
            assertThat(everything()).as(policy + ": both parents and the new child kept").isEqualTo(before);
        }
    }

    @Test
    void aTriggerCallingAStoredFunctionIsRefusedAndOneCallingBuiltInsRuns() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.tagged (id INT PRIMARY KEY, v VARCHAR(40))",
                "CREATE TABLE `" + db + "`.plain (id INT PRIMARY KEY, v VARCHAR(40))");
        TargetTables.sql("CREATE FUNCTION `" + db + "`.stamp(v VARCHAR(40)) RETURNS VARCHAR(40) MODIFIES SQL DATA"
                + " BEGIN DELETE FROM `" + db + "`.child; RETURN CONCAT(v, '*'); END");
        TargetTables.sql("CREATE TRIGGER `" + db + "`.tagged_stamp BEFORE INSERT ON `" + db + "`.tagged FOR EACH ROW"
                + " SET NEW.v = stamp(NEW.v)");
        TargetTables.sql("CREATE TRIGGER `" + db + "`.plain_upper BEFORE INSERT ON `" + db + "`.plain FOR EACH ROW"
                + " SET NEW.v = UPPER(CONCAT(NEW.v, '!'))");
        String before = everything();

        ExecutionReport refused = executor.execute("TRG-6", db, List.of("INSERT INTO tagged VALUES (1, 'a')"));

        assertThat(refused.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("fires trigger `tagged_stamp` (BEFORE INSERT), which calls the stored function stamp()"));
        assertThat(everything()).as("the children the function would have deleted").isEqualTo(before);

        ExecutionReport runs = executor.execute("TRG-7", db, List.of("INSERT INTO plain VALUES (1, 'a')"));
        assertThat(runs.completed()).as(runs.toString()).isTrue();
    }

    @Test
    void anAuditTriggerRunsAndWhatItInsertedOutlivesTheRollback() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("TRG-5", db, List.of("UPDATE item SET qty = 7, note = 'x' WHERE id = 1"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(everything()).contains("item 1 7 y", "audit 1 update");
        assertThat(executor.rollback("TRG-5").completed()).isTrue();
        assertThat(everything()).as("the item as before; the audit keeps a row for the ticket and one for its rollback")
                .isEqualTo(before + "audit 1 update\naudit 1 update\n");
    }

    /**
     * An account without the TRIGGER privilege still fires the table's triggers (they run as their definer), but does
     * not see what they do: MariaDB shows their names without bodies, MySQL shows nothing. Tollgate must not take
     * that for "writes only its row".
     */
    @Test
    void anAccountThatCannotReadTheTriggersDoesNotRunPastThem() throws SQLException {
        String user = TargetTables.user("tgtr_",
                "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, ALTER, INDEX, LOCK TABLES ON `" + db + "`.*",
                "ALL ON `" + db + "_meta`.*",
                // InnoDB's list of foreign keys, without which a DELETE is refused for keys it cannot see (ADR 0041)
                "PROCESS ON *.*");
        try {
            MysqlTicketExecutor limited = TargetTables.executorAs(user, settings);
            String before = everything();

            ExecutionReport delete = limited.execute("TRG-8", db, List.of("DELETE FROM parent WHERE id = 1"));

            assertThat(delete.completed()).as(delete.toString()).isFalse();
            assertThat(delete.stoppedAt().orElseThrow().message())
                    .contains("`parent_cleanup`", "TRIGGER privilege", "no before-image");
            assertThat(everything()).as("the parent and both children kept").isEqualTo(before);

            // an audit trigger it cannot read either: refused the same way, not guessed harmless
            ExecutionReport update = limited.execute("TRG-9", db, List.of("UPDATE item SET qty = 6 WHERE id = 1"));
            assertThat(update.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message()).contains("`item_audit`"));
            assertThat(everything()).isEqualTo(before);

            // a table without triggers is written as before
            ExecutionReport child = limited.execute("TRG-10", db, List.of("DELETE FROM child WHERE id = 11"));
            assertThat(child.completed()).as(child.toString()).isTrue();

            // a rollback by that account of a ticket that inserted a parent: its DELETE would fire the cleanup
            assertThat(executor.execute("TRG-11", db, List.of("INSERT INTO parent VALUES (7, 'seven')")).completed())
                    .isTrue();
            TargetTables.sql("INSERT INTO `" + db + "`.child VALUES (70, 7)");
            String beforeRollback = everything();
            for (ConflictPolicy policy : ConflictPolicy.values()) {
                ExecutionReport rollback = limited.rollback("TRG-11", policy);
                assertThat(everything()).as(policy + ": parent 7 and its new child kept").isEqualTo(beforeRollback);
                if (!rollback.completed()) {
                    assertThat(rollback.conflicts()).singleElement().satisfies(c -> {
                        assertThat(c.heldBack()).isTrue();
                        assertThat(c.reason()).contains("`parent_cleanup`", "TRIGGER privilege");
                    });
                }
            }
        } finally {
            TargetTables.dropUser(user);
        }
    }

    /**
     * A trigger created by someone else while a long ticket runs, between two of its transactions: what the run read
     * of the table's triggers before must not stand for the table now.
     */
    @Test
    void aTriggerCreatedWhileTheTicketRunsIsSeenByItsNextTransaction() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.other (id INT PRIMARY KEY, n INT)",
                "INSERT INTO `" + db + "`.other VALUES (1, 0)",
                "DROP TRIGGER `" + db + "`.parent_cleanup");
        List<String> statements = new ArrayList<>();
        statements.add("UPDATE parent SET v = 'uno' WHERE id = 1"); // reads parent's triggers: none yet
        for (int i = 0; i < StatementRun.Group.STATEMENTS; i++) {
            statements.add("UPDATE other SET n = " + (i + 1) + " WHERE id = 1"); // the first transaction fills up
        }
        statements.add("DELETE FROM parent WHERE id = 1");
        int last = statements.size();
        java.util.concurrent.atomic.AtomicBoolean created = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutionProgress createsTheCleanup = new ExecutionProgress() {
            @Override
            public void statementStarted(int index) {
                // once: a statement refused inside a group starts again when the group runs singly
                if (index == last && created.compareAndSet(false, true)) {
                    try {
                        TargetTables.sql("CREATE TRIGGER `" + db + "`.parent_cleanup AFTER DELETE ON `" + db
                                + "`.parent FOR EACH ROW DELETE FROM `" + db + "`.child WHERE parent_id = OLD.id");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };

        ExecutionReport report = executor.execute("TRG-12", db, statements, createsTheCleanup);

        assertThat(report.stoppedAt()).as(report.toString()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(last);
            assertThat(s.message()).contains("fires trigger `parent_cleanup` (AFTER DELETE)");
        });
        assertThat(everything()).as("parent 1 and its children kept").contains("parent 1 uno", "child 10 1",
                "child 11 1");
    }

    /** The rollback reads a table's triggers again in each statement's transaction, after locking its definition. */
    @Test
    void aRollbackReadsTheTriggersAgainForEachStatement() throws SQLException {
        TargetTables.sql("DROP TRIGGER `" + db + "`.parent_cleanup");
        assertThat(executor.execute("TRG-13", db, List.of("INSERT INTO parent VALUES (7, 'seven')")).completed())
                .isTrue();
        String inverse;
        try (Connection c = TargetTables.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rollback_sql FROM `" + db + "_meta`.tollgate_execution_ledger"
                     + " WHERE ticket_id = 'TRG-13'")) {
            rs.next();
            inverse = rs.getString(1).lines().filter(l -> l.startsWith("DELETE")).findFirst().orElseThrow();
        }
        RollbackLine line = RollbackLine.parse(inverse);
        RollbackConflicts.HeldBack heldBack = new RollbackConflicts.HeldBack();
        try (Connection c = TargetTables.connection()) {
            c.setAutoCommit(false);
            assertThat(heldBack.reason(c, line)).as("no trigger yet").isEmpty();
            c.commit();
            TargetTables.sql("CREATE TRIGGER `" + db + "`.parent_cleanup AFTER DELETE ON `" + db + "`.parent"
                    + " FOR EACH ROW DELETE FROM `" + db + "`.child WHERE parent_id = OLD.id");
            heldBack.forget();
            assertThat(heldBack.reason(c, line)).hasValueSatisfying(r -> assertThat(r)
                    .contains("trigger `parent_cleanup`"));
            c.rollback();
        }
    }

    /** Every row of the tables, one {@code table id value} line each. */
    private String everything() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            for (String[] table : new String[][] {{"parent", "id, v"}, {"child", "id, parent_id"},
                    {"item", "id, qty, note"}, {"stock", "id, qty"}, {"audit", "item, what"}}) {
                try (ResultSet rs = s.executeQuery("SELECT " + table[1] + " FROM `" + db + "`." + table[0]
                        + " ORDER BY 1")) {
                    while (rs.next()) {
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            values.add(rs.getString(i));
                        }
                        rows.add(table[0] + " " + String.join(" ", values) + "\n");
                    }
                }
            }
        }
        return String.join("", rows);
    }
}
