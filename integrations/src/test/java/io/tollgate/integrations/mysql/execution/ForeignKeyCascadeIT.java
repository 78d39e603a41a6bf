package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
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

/**
 * Rows the server changes through a foreign key (ON DELETE CASCADE, SET NULL; ON UPDATE CASCADE, SET NULL) get no
 * before-image: a statement that would change any is refused before it runs, and a rollback that would (rows added
 * since point at a row it deletes) is a conflict that no policy forces (ADR 0037). Against the machine's
 * MariaDB/MySQL.
 */
class ForeignKeyCascadeIT {

    final String db = "tg_fk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String other = db + "_other";
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(
            new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`", "CREATE DATABASE `" + other + "`",
                "CREATE TABLE `" + db + "`.customer (id INT PRIMARY KEY, code VARCHAR(10) NOT NULL UNIQUE)",
                "CREATE TABLE `" + db + "`.orders (id INT PRIMARY KEY, customer_id INT,"
                        + " CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customer (id)"
                        + " ON DELETE CASCADE)",
                "CREATE TABLE `" + other + "`.note (id INT PRIMARY KEY, customer_code VARCHAR(10),"
                        + " CONSTRAINT fk_note_customer FOREIGN KEY (customer_code) REFERENCES `" + db
                        + "`.customer (code) ON DELETE SET NULL ON UPDATE SET NULL)",
                "CREATE TABLE `" + db + "`.invoice (id INT PRIMARY KEY, customer_code VARCHAR(10),"
                        + " CONSTRAINT fk_invoice_customer FOREIGN KEY (customer_code) REFERENCES customer (code)"
                        + " ON UPDATE CASCADE)",
                "INSERT INTO `" + db + "`.customer VALUES (1, 'c1'), (2, 'c2'), (3, 'c3'), (4, 'c4'), (8, 'c8')",
                "INSERT INTO `" + db + "`.orders VALUES (10, 1), (11, 1), (20, 2)",
                "INSERT INTO `" + other + "`.note VALUES (30, 'c3')",
                "INSERT INTO `" + db + "`.invoice VALUES (40, 'c4')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + other + "`", "DROP DATABASE IF EXISTS `" + db + "`",
                "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aDeleteThatWouldCascadeToOtherRowsIsRefusedAndChangesNothing() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("FK-1", db, List.of("DELETE FROM customer WHERE id = 8",
                "DELETE FROM customer WHERE id IN (1, 2)"));

        assertThat(report.completed()).isFalse();
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).as(report.toString()).isEqualTo(2);
            assertThat(s.status()).isEqualTo(Status.FAILED);
            assertThat(s.message()).contains("would delete the rows of `" + db + "`.`orders`",
                    "fk_orders_customer", "ON DELETE CASCADE", "no before-image");
        });
        assertThat(everything()).as("statement 1 ran (nothing points at customer 8), statement 2 changed nothing")
                .isEqualTo(before.replace("customer 8 c8\n", ""));
    }

    @Test
    void aDeleteThatWouldSetNullInAnotherSchemaIsRefused() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("FK-2", db, List.of("DELETE FROM customer WHERE code = 'c3'"));

        assertThat(report.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("would set to NULL the referencing columns of the rows of `" + other + "`.`note`",
                        "ON DELETE SET NULL"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aTableWhoseNameInnodbEncodesIsCheckedAsWell() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.`cust-omer` (id INT PRIMARY KEY)",
                "CREATE TABLE `" + db + "`.`ord-er` (id INT PRIMARY KEY, c INT, CONSTRAINT `fk-c` FOREIGN KEY (c)"
                        + " REFERENCES `cust-omer` (id) ON DELETE CASCADE)",
                "INSERT INTO `" + db + "`.`cust-omer` VALUES (1), (2)", "INSERT INTO `" + db + "`.`ord-er` VALUES (1, 1)");

        ExecutionReport report = executor.execute("FK-8", db, List.of("DELETE FROM `cust-omer` WHERE id = 2",
                "DELETE FROM `cust-omer` WHERE id = 1"));

        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(2);
            assertThat(s.message()).contains("`ord-er`", "fk-c", "ON DELETE CASCADE");
        });
    }

    @Test
    void aTargetUserWithoutProcessPrivilegeReadsInformationSchemaInstead() throws SQLException {
        String user = TargetTables.user("tgfk_", "ALL ON `" + db + "`.*", "ALL ON `" + other + "`.*",
                "ALL ON `" + db + "_meta`.*");
        try {
            MysqlTicketExecutor limited = TargetTables.executorAs(user, settings);
            String before = everything();

            ExecutionReport report = limited.execute("FK-9", db, List.of("DELETE FROM customer WHERE id = 3"));

            assertThat(report.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                    .contains("`" + other + "`.`note`", "ON DELETE SET NULL"));
            assertThat(everything()).isEqualTo(before);
        } finally {
            TargetTables.dropUser(user);
        }
    }

    /**
     * A foreign key in a schema the instance's account has no privilege on is missing from its
     * information_schema, but the server still follows it: with or without the PROCESS privilege (InnoDB's own list),
     * a DELETE whose row it references must not go through, and neither may a rollback's.
     */
    @ParameterizedTest(name = "PROCESS privilege: {0}")
    @ValueSource(booleans = {true, false})
    void aForeignKeyInASchemaTheAccountCannotSeeStillStopsTheDelete(boolean process) throws SQLException {
        String user = TargetTables.user("tgfh_", "ALL ON `" + db + "`.*", "ALL ON `" + db + "_meta`.*");
        if (process) {
            TargetTables.sql("GRANT PROCESS ON *.* TO '" + user + "'@'%'");
        }
        try {
            MysqlTicketExecutor limited = TargetTables.executorAs(user, settings);
            String before = everything();

            ExecutionReport report = limited.execute("FK-H", db, List.of("DELETE FROM customer WHERE id = 3"));

            assertThat(report.completed()).as(report.toString()).isFalse();
            assertThat(report.stoppedAt().orElseThrow().message()).contains("foreign key", "cannot see",
                    process ? "grant it SELECT on the schemas of the referencing tables" : "grant it PROCESS",
                    "Tollgate cannot check them");
            assertThat(everything()).as("note 30 still points at c3").isEqualTo(before);

            // a rollback by that account of a customer added by a ticket, which a note in `other` now points at
            assertThat(executor.execute("FK-R", db, List.of("INSERT INTO customer VALUES (9, 'c9')")).completed())
                    .isTrue();
            TargetTables.sql("INSERT INTO `" + other + "`.note VALUES (90, 'c9')");
            String beforeRollback = everything();
            for (ConflictPolicy policy : ConflictPolicy.values()) {
                ExecutionReport rollback = limited.rollback("FK-R", policy);
                assertThat(everything()).as(policy + ": customer 9 and the note pointing at it kept")
                        .isEqualTo(beforeRollback);
                if (!rollback.completed()) {
                    assertThat(rollback.conflicts()).singleElement().satisfies(c -> {
                        assertThat(c.heldBack()).isTrue();
                        assertThat(c.reason()).startsWith("the rollback may change rows that point at them through a"
                                + " foreign key the instance's account cannot see");
                    });
                }
            }
        } finally {
            TargetTables.dropUser(user);
        }
    }

    @Test
    void anUpdateOfAReferencedColumnIsRefusedOnSetNullAndOnCascade() throws SQLException {
        String before = everything();

        ExecutionReport setNull = executor.execute("FK-3", db, List.of("UPDATE customer SET code = 'c3x' WHERE id = 3"));

        assertThat(setNull.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message()).contains("ON UPDATE SET NULL"));
        assertThat(everything()).isEqualTo(before);

        // ON UPDATE CASCADE: the inverse would not cascade back exactly (a referencing 'C4' that matched 'c4' under
        // the collation comes back as 'c4'; rows added since that point at 'c4x' would be moved too), and a cascade
        // can go on to set a further table's rows to NULL
        ExecutionReport cascade = executor.execute("FK-4", db, List.of("UPDATE customer SET code = 'c4x' WHERE id = 4"));
        assertThat(cascade.completed()).isFalse();
        assertThat(cascade.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("would update the referencing columns of", "`invoice`", "ON UPDATE CASCADE"));
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aRollbackThatWouldCascadeIntoRowsAddedSinceIsAConflict() throws SQLException {
        // nothing points at c8 when the ticket renames it: it runs
        ExecutionReport report = executor.execute("FK-11", db, List.of("UPDATE customer SET code = 'c8x' WHERE id = 8"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        // an invoice for the renamed customer, written since: renaming it back would move the invoice too
        TargetTables.sql("INSERT INTO `" + db + "`.invoice VALUES (41, 'c8x')");
        String before = everything();

        ExecutionReport stop = executor.rollback("FK-11");

        assertThat(stop.conflicts()).singleElement().satisfies(c -> assertThat(c.reason())
                .contains("rows added since point at it", "`invoice`", "ON UPDATE CASCADE"));
        assertThat(everything()).as("the new invoice keeps its customer code").isEqualTo(before);
    }

    @Test
    void theReferencingRowsDeletedFirstLetTheRowGoAndTheRollbackRestoresBoth() throws SQLException {
        String before = everything();

        ExecutionReport report = executor.execute("FK-5", db, List.of("DELETE FROM orders WHERE customer_id = 1",
                "DELETE FROM customer WHERE id = 1"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(everything()).doesNotContain("customer 1 ", "orders 10 ", "orders 11 ");
        assertThat(executor.rollback("FK-5").completed()).isTrue();
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void aRollbackThatWouldCascadeIntoRowsAddedSinceIsAConflictThatNoPolicyForces() throws SQLException {
        ExecutionReport report = executor.execute("FK-6", db, List.of(
                "INSERT INTO customer (id, code) VALUES (5, 'c5'), (6, 'c6')"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        // the application takes an order for the new customer 5 after the ticket ran
        TargetTables.sql("INSERT INTO `" + db + "`.orders VALUES (50, 5)");
        String before = everything();

        ExecutionReport stop = executor.rollback("FK-6");

        assertThat(stop.completed()).isFalse();
        assertThat(stop.stoppedAt().orElseThrow().message())
                .isEqualTo("1 row changed since the ticket executed or pointed at by rows added since;"
                        + " the rollback changed nothing");
        assertThat(stop.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("`id` = 5");
            assertThat(c.heldBack()).isTrue();
            assertThat(c.reason()).contains("rows added since point at it", "`orders`", "ON DELETE CASCADE");
        });
        assertThat(everything()).isEqualTo(before);

        ExecutionReport forced = executor.rollback("FK-6", ConflictPolicy.FORCE);

        assertThat(forced.completed()).as(forced.toString()).isTrue();
        assertThat(forced.statements()).singleElement().satisfies(o -> assertThat(o.message()).contains("1 conflicting row"));
        assertThat(everything()).as("customer 6 deleted; customer 5 and its new order kept")
                .isEqualTo(before.replace("customer 6 c6\n", ""));
    }

    @Test
    void aRollbackThatWouldSetNullInRowsAddedSinceIsAConflict() throws SQLException {
        // nothing points at c2 when the ticket renames it: it runs
        ExecutionReport report = executor.execute("FK-10", db, List.of("UPDATE customer SET code = 'c2x' WHERE id = 2"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        TargetTables.sql("INSERT INTO `" + other + "`.note VALUES (31, 'c2x')");
        String before = everything();

        ExecutionReport stop = executor.rollback("FK-10");

        assertThat(stop.conflicts()).singleElement().satisfies(c -> assertThat(c.reason())
                .contains("rows added since point at it", "`note`", "ON UPDATE SET NULL"));
        assertThat(everything()).as("the new note keeps its customer code").isEqualTo(before);
    }

    @Test
    void aRollbackSkippingConflictsLeavesAReferencedRowAsItIs() throws SQLException {
        ExecutionReport report = executor.execute("FK-7", db, List.of("INSERT INTO customer (id, code) VALUES (7, 'c7')"));
        assertThat(report.completed()).as(report.toString()).isTrue();
        TargetTables.sql("INSERT INTO `" + other + "`.note VALUES (70, 'c7')");
        String before = everything();

        ExecutionReport skipped = executor.rollback("FK-7", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(skipped.completed()).as(skipped.toString()).isTrue();
        assertThat(everything()).as("the note keeps its customer code").isEqualTo(before);
    }

    /** Every row of the four tables, one {@code table id value} line each. */
    private String everything() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            for (String[] table : new String[][] {{db, "customer", "code"}, {db, "orders", "customer_id"},
                    {db, "invoice", "customer_code"}, {other, "note", "customer_code"}}) {
                try (ResultSet rs = s.executeQuery("SELECT id, " + table[2] + " FROM `" + table[0] + "`." + table[1]
                        + " ORDER BY id")) {
                    while (rs.next()) {
                        rows.add(table[1] + " " + rs.getString(1) + " " + rs.getString(2) + "\n");
                    }
                }
            }
        }
        return String.join("", rows);
    }
}
