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
import static org.assertj.core.api.Assertions.tuple;

/**
 * A rollback's DDL never destroys data written after the ticket (ADR 0043): the DROP TABLE that undoes a CREATE TABLE
 * and the DROP COLUMN that undoes an ADD COLUMN are conflicts while the table holds rows, or the column values, that
 * the ticket did not leave there. Then nothing of that statement is written unless a DBA chose to skip it (the table
 * or column stays) or to force it. Against the machine's MariaDB/MySQL.
 */
class DdlRollbackConflictIT {

    final String db = "tg_ddlrc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, name VARCHAR(40), n INT)",
                "INSERT INTO `" + db + "`.t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aTableTheTicketCreatedIsNotDroppedWhileItHoldsRowsWrittenSince() throws SQLException {
        execute("D-1", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))",
                "INSERT INTO notes (id, body) VALUES (1, 'the ticket''s')");
        sql("INSERT INTO `" + db + "`.notes VALUES (2, 'written since')");

        ExecutionReport report = executor.rollback("D-1");

        assertThat(report.completed()).isFalse();
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(Status.CONFLICT);
        });
        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.statement()).isEqualTo(1);
            assertThat(c.table()).isEqualTo("`" + db + "`.`notes`");
            assertThat(c.reason()).contains("rows written since").contains("DROP TABLE");
            assertThat(c.heldBack()).isFalse();
        });
        assertThat(rows("notes")).as("the dry run wrote nothing, statement 2's inverse included")
                .containsExactly("1|the ticket's", "2|written since");
        assertThat(executor.rollback("D-1").completed()).as("asked again, the same answer").isFalse();
        assertThat(rows("notes")).hasSize(2);
    }

    /**
     * The dry run stops at the first DDL inverse (DDL commits), so a row behind it that changed since is found by the
     * rollback itself, after it undid what came first: that conflict is listed like the dry run's, so a DBA is offered
     * rolling back the rest or forcing it (it was a conflict with an empty list, which offered neither).
     */
    @Test
    void aConflictBehindADdlInverseIsListedForTheDbaToDecide() throws SQLException {
        sql("CREATE TABLE `" + db + "`.other (id INT PRIMARY KEY, z INT)", "INSERT INTO `" + db + "`.other VALUES (1, 1)");
        execute("D-9", "UPDATE t SET n = 11 WHERE id = 1", "ALTER TABLE other ADD COLUMN w INT NULL",
                "UPDATE other SET z = 2 WHERE id = 1");
        sql("UPDATE `" + db + "`.t SET n = 99 WHERE id = 1");

        ExecutionReport report = executor.rollback("D-9");

        assertThat(report.completed()).isFalse();
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> {
            assertThat(s.index()).isEqualTo(1);
            assertThat(s.status()).isEqualTo(Status.CONFLICT);
        });
        assertThat(report.conflictCount()).isEqualTo(1);
        assertThat(report.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.statement()).isEqualTo(1);
            assertThat(c.key()).isEqualTo("`id` = 1");
            assertThat(c.reason()).isEqualTo("changed since");
        });
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT n FROM `" + db + "`.t WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("the newer value is kept").isEqualTo(99);
        }
    }

    @Test
    void skippingLeavesTheTableAndForcingDropsIt() throws SQLException {
        execute("D-2", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))");
        sql("INSERT INTO `" + db + "`.notes VALUES (2, 'written since')");

        ExecutionReport skipped = executor.rollback("D-2", ConflictPolicy.SKIP_CONFLICTS);

        assertThat(skipped.completed()).as(skipped.toString()).isTrue();
        assertThat(skipped.statements().get(0).message()).contains("left as it is");
        assertThat(rows("notes")).containsExactly("2|written since");

        execute("D-3", "CREATE TABLE drafts (id INT PRIMARY KEY, body VARCHAR(20))");
        sql("INSERT INTO `" + db + "`.drafts VALUES (1, 'written since')");
        assertThat(executor.rollback("D-3", ConflictPolicy.FORCE).completed()).isTrue();
        assertThat(tableExists("drafts")).isFalse();
    }

    /**
     * CREATE TABLE ... LIKE has the inverse a CREATE TABLE has (the review called it reversible, and the executor kept
     * none: its rollback stopped there, a helper's finding), with the same check of rows written since.
     */
    @Test
    void aTableCreatedLikeAnotherIsDroppedWhileEmpty() throws SQLException {
        execute("D-L1", "CREATE TABLE copy1 LIKE t");
        execute("D-L2", "CREATE TABLE copy2 LIKE t");
        sql("INSERT INTO `" + db + "`.copy2 VALUES (1, 'written since', 1)");

        assertThat(executor.rollback("D-L1").completed()).isTrue();
        assertThat(tableExists("copy1")).isFalse();
        ExecutionReport kept = executor.rollback("D-L2");
        assertThat(kept.completed()).isFalse();
        assertThat(kept.conflicts()).singleElement().satisfies(c -> assertThat(c.reason()).contains("rows written"));
        assertThat(tableExists("copy2")).isTrue();
    }

    @Test
    void aTableOnlyTheTicketFilledIsDropped() throws SQLException {
        execute("D-4", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))",
                "INSERT INTO notes (id, body) VALUES (1, 'the ticket''s'), (2, 'also')");

        ExecutionReport report = executor.rollback("D-4");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(tableExists("notes")).isFalse();
    }

    @Test
    void aColumnTheTicketAddedIsNotDroppedWhileItHoldsValuesWrittenSince() throws SQLException {
        // a literal default, a nullable column without one, a NOT NULL column without one, an expression default
        List<String> added = List.of(
                "ALTER TABLE t ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'basic'",
                "ALTER TABLE t ADD COLUMN note VARCHAR(10)",
                "ALTER TABLE t ADD COLUMN score INT NOT NULL",
                "ALTER TABLE t ADD COLUMN seen DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)");
        List<String> since = List.of(
                "UPDATE `%s`.t SET tier = 'gold' WHERE id = 2",
                "UPDATE `%s`.t SET note = 'call back' WHERE id = 3",
                "INSERT INTO `%s`.t (id, name, n, score) VALUES (4, 'd', 40, 7)",
                "INSERT INTO `%s`.t (id, name, n) VALUES (4, 'd', 40)");
        for (int i = 0; i < added.size(); i++) {
            String column = added.get(i).split(" ")[5];
            String ticket = "D-5" + i;
            execute(ticket, added.get(i));
            sql(since.get(i).formatted(db).split("; "));

            ExecutionReport report = executor.rollback(ticket);

            assertThat(report.completed()).as(added.get(i)).isFalse();
            assertThat(report.conflicts()).as(added.get(i)).singleElement().satisfies(c -> {
                assertThat(c.reason()).contains("`" + column + "`").contains("DROP COLUMN");
                assertThat(c.table()).isEqualTo("`" + db + "`.`t`");
            });
            assertThat(columns()).as(added.get(i)).contains(column);
            // put the table back as it was for the next column: drop the column by hand, and the row added since
            sql("ALTER TABLE `" + db + "`.t DROP COLUMN " + column, "DELETE FROM `" + db + "`.t WHERE id = 4");
        }
    }

    /**
     * Values written since are told from what the ADD gave byte for byte, and from the one value an expression default
     * gave every row, not only from each other (a helper's findings: 'No' and 'NO ' equal the default 'no' in a
     * case-insensitive, space-padding collation; every row set to one date since, or the one row of a table, looked
     * like what the ADD gave; both dropped with ROLLED_BACK).
     */
    @Test
    void valuesWrittenSinceAreToldFromWhatTheAddGaveByteForByte() throws SQLException {
        sql("CREATE TABLE `" + db + "`.one (id INT PRIMARY KEY)", "INSERT INTO `" + db + "`.one VALUES (1)",
                "CREATE TABLE `" + db + "`.empty (id INT PRIMARY KEY)");
        List<String> added = List.of(
                "ALTER TABLE t ADD COLUMN flag VARCHAR(5) NOT NULL DEFAULT 'no'",
                "ALTER TABLE t ADD COLUMN flag VARCHAR(5) NOT NULL DEFAULT 'no'",
                "ALTER TABLE t ADD COLUMN seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE one ADD COLUMN seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE t ADD COLUMN score INT NOT NULL",
                "ALTER TABLE empty ADD COLUMN seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE t ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'new'");
        List<String> since = List.of(
                "UPDATE `%s`.t SET flag = 'No' WHERE id = 1",
                "UPDATE `%s`.t SET flag = 'no ' WHERE id = 2",
                "UPDATE `%s`.t SET seen = '2031-05-05 12:00:00'",
                "UPDATE `%s`.one SET seen = '2031-05-05 12:00:00'",
                "UPDATE `%s`.t SET score = 5",
                "INSERT INTO `%s`.empty (id) VALUES (1)",
                // a new default, and every row set to it: told from what the ADD gave, not from the default now
                "ALTER TABLE `%1$s`.t ALTER COLUMN status SET DEFAULT 'active'; UPDATE `%1$s`.t SET status = 'active'");
        for (int i = 0; i < added.size(); i++) {
            String[] words = added.get(i).split(" ");
            String table = words[2];
            String column = words[5];
            String ticket = "D-B" + i;
            execute(ticket, added.get(i));
            sql(since.get(i).formatted(db).split("; "));

            ExecutionReport report = executor.rollback(ticket);

            assertThat(report.completed()).as(added.get(i) + " then " + since.get(i) + ": " + report).isFalse();
            assertThat(report.conflicts()).as(since.get(i)).singleElement().satisfies(c ->
                    assertThat(c.reason()).contains("`" + column + "`").contains("DROP COLUMN"));
            assertThat(TargetTables.scalar("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + db + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'"))
                    .as("kept: " + since.get(i)).isEqualTo("1");
            sql("ALTER TABLE `" + db + "`." + table + " DROP COLUMN " + column, "DELETE FROM `" + db + "`.empty");
        }

        // what the ADD gave, left as it was, goes with the column
        execute("D-B9", "ALTER TABLE one ADD COLUMN seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE empty ADD COLUMN seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP",
                "ALTER TABLE t ADD COLUMN status VARCHAR(10) NOT NULL DEFAULT 'new'");
        ExecutionReport report = executor.rollback("D-B9");
        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    @Test
    void aColumnHoldingOnlyWhatTheTicketGaveEveryRowIsDropped() throws SQLException {
        execute("D-6", "ALTER TABLE t ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'basic'",
                "ALTER TABLE t ADD COLUMN score INT NOT NULL",
                "ALTER TABLE t ADD COLUMN seen DATETIME(6) DEFAULT CURRENT_TIMESTAMP(6)",
                "ALTER TABLE t ADD COLUMN twice INT AS (n * 2)",
                "UPDATE t SET tier = 'gold' WHERE id = 1");
        sql("UPDATE `" + db + "`.t SET n = 31 WHERE id = 3"); // another column, changed since

        ExecutionReport report = executor.rollback("D-6");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(columns()).containsExactly("id", "name", "n");

        // a row inserted since that takes the defaults holds nothing the rollback loses
        execute("D-7", "ALTER TABLE t ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'basic'",
                "ALTER TABLE t ADD COLUMN score INT NOT NULL");
        sql("INSERT INTO `" + db + "`.t (id, name, n, score) VALUES (4, 'd', 40, 0)");
        assertThat(executor.rollback("D-7").completed()).isTrue();
        assertThat(columns()).containsExactly("id", "name", "n");
    }

    @Test
    void aColumnTheTicketWidenedIsNotNarrowedBackOverValuesThatWouldLoseDigits() throws SQLException {
        // strict mode refuses a value too long or out of range, but rounds DECIMAL digits and fractional seconds away
        // with a note only
        sql("ALTER TABLE `" + db + "`.t ADD COLUMN price DECIMAL(10,2), ADD COLUMN at DATETIME, ADD COLUMN span TIME");
        List<String> widened = List.of("ALTER TABLE t MODIFY price DECIMAL(12,4)",
                "ALTER TABLE t CHANGE at at_precise DATETIME(6)", "ALTER TABLE t MODIFY span TIME(3)");
        List<String> since = List.of("UPDATE `%s`.t SET price = 1.2345 WHERE id = 1",
                "UPDATE `%s`.t SET at_precise = '2026-01-02 03:04:05.5' WHERE id = 2",
                "UPDATE `%s`.t SET span = '01:02:03.250' WHERE id = 3");
        List<String> check = List.of("SELECT price FROM `%s`.t WHERE id = 1", "SELECT at_precise FROM `%s`.t WHERE id = 2",
                "SELECT span FROM `%s`.t WHERE id = 3");
        for (int i = 0; i < widened.size(); i++) {
            String ticket = "D-9" + i;
            execute(ticket, widened.get(i));
            sql(since.get(i).formatted(db));
            String value = TargetTables.scalar(check.get(i).formatted(db));

            ExecutionReport report = executor.rollback(ticket);

            assertThat(report.completed()).as(widened.get(i)).isFalse();
            assertThat(report.conflicts()).as(widened.get(i)).singleElement().satisfies(c ->
                    assertThat(c.reason()).contains("would lose digits of values written since"));
            assertThat(TargetTables.scalar(check.get(i).formatted(db))).as(widened.get(i)).isEqualTo(value);
        }
    }

    /**
     * A TIMESTAMP the ticket let hold NULL is not put back to refusing it over a NULL written since: the server would
     * put the current time there with no error, and the rollback said ROLLED_BACK (a helper's finding). Without a
     * NULL since, it is put back.
     */
    @Test
    void aTimestampTheTicketLetHoldNullIsNotPutBackOverANullWrittenSince() throws SQLException {
        sql("CREATE TABLE `" + db + "`.stamp (id INT PRIMARY KEY, at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
                "INSERT INTO `" + db + "`.stamp VALUES (1, '2020-01-01 00:00:00'), (2, '2020-01-02 00:00:00')");
        execute("D-T1", "ALTER TABLE stamp MODIFY at TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP");
        sql("UPDATE `" + db + "`.stamp SET at = NULL WHERE id = 2");

        ExecutionReport report = executor.rollback("D-T1");

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.conflicts()).singleElement().satisfies(c ->
                assertThat(c.reason()).contains("holds NULL written since").contains("current time"));
        assertThat(TargetTables.scalar("SELECT COUNT(*) FROM `" + db + "`.stamp WHERE at IS NULL")).isEqualTo("1");

        sql("UPDATE `" + db + "`.stamp SET at = '2020-01-02 00:00:00' WHERE id = 2");
        ExecutionReport again = executor.rollback("D-T1");
        assertThat(again.completed()).as("no NULL left: put back " + again).isTrue();
        assertThat(TargetTables.scalar("SELECT IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME = 'stamp' AND COLUMN_NAME = 'at'")).isEqualTo("NO");
    }

    /**
     * A FLOAT column's rename is undone by a CHANGE back to FLOAT: over a DOUBLE another ticket made of it, with values
     * written since that FLOAT cannot hold, that rounds them (a helper's finding: ROLLED_BACK, 1.123456789 became
     * 1.1234568357). Values a FLOAT holds exactly, or a rename with nothing since, go back as they are.
     */
    @Test
    void aFloatIsNotPutBackOverValuesWrittenSinceThatItWouldRound() throws SQLException {
        sql("CREATE TABLE `" + db + "`.fl (id INT PRIMARY KEY, f FLOAT)",
                "INSERT INTO `" + db + "`.fl VALUES (1, 1.5), (2, 0.1)");
        execute("D-F1", "ALTER TABLE fl CHANGE f f2 FLOAT");
        assertThat(executor.rollback("D-F1").completed()).as("a plain rename of a FLOAT goes back").isTrue();

        execute("D-F2", "ALTER TABLE fl CHANGE f f2 FLOAT");
        sql("ALTER TABLE `" + db + "`.fl MODIFY f2 DOUBLE", "UPDATE `" + db + "`.fl SET f2 = 1.123456789 WHERE id = 1");

        ExecutionReport report = executor.rollback("D-F2");

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.conflicts()).singleElement().satisfies(c ->
                assertThat(c.reason()).contains("would lose digits of values written since"));
        assertThat(TargetTables.scalar("SELECT f2 FROM `" + db + "`.fl WHERE id = 1")).isEqualTo("1.123456789");
    }

    @Test
    void aWidenedColumnWhoseValuesStillFitIsNarrowedBack() throws SQLException {
        sql("ALTER TABLE `" + db + "`.t ADD COLUMN price DECIMAL(10,2), ADD COLUMN at DATETIME");
        execute("D-95", "ALTER TABLE t MODIFY price DECIMAL(12,4), MODIFY at DATETIME(6)");
        sql("UPDATE `" + db + "`.t SET price = 1.5, at = '2026-01-02 03:04:05' WHERE id = 1");

        ExecutionReport report = executor.rollback("D-95");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(TargetTables.scalar("SELECT CONCAT(price, ' ', at) FROM `" + db + "`.t WHERE id = 1"))
                .isEqualTo("1.50 2026-01-02 03:04:05");
    }

    /**
     * A column the ticket changed that another change changed again since is not put back over that change: the
     * rollback's MODIFY would silently undo it (a longer VARCHAR shortened again, a default, a comment or NOT NULL taken
     * away), though every value still fits. A DBA skips it (the column stays as the later change left it) or forces it.
     */
    @Test
    void aColumnAnotherChangeChangedSinceIsNotPutBackOverThatChange() throws SQLException {
        List<String> since = List.of("ALTER TABLE `%s`.t MODIFY name VARCHAR(120)",
                "ALTER TABLE `%s`.t MODIFY name VARCHAR(80) DEFAULT 'none'",
                "ALTER TABLE `%s`.t MODIFY name VARCHAR(80) NOT NULL",
                "ALTER TABLE `%s`.t MODIFY name VARCHAR(80) COMMENT 'the customer''s name'",
                "ALTER TABLE `%s`.t MODIFY name VARCHAR(80) CHARACTER SET latin1");
        for (int i = 0; i < since.size(); i++) {
            String ticket = "D-C" + i;
            sql("ALTER TABLE `" + db + "`.t MODIFY name VARCHAR(40)");
            execute(ticket, "ALTER TABLE t MODIFY name VARCHAR(80)");
            sql(since.get(i).formatted(db));
            String changed = definition("name");

            ExecutionReport report = executor.rollback(ticket);

            assertThat(report.completed()).as(since.get(i) + ": " + report).isFalse();
            assertThat(report.stoppedAt()).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(Status.CONFLICT));
            assertThat(report.conflicts()).as(since.get(i)).singleElement().satisfies(c -> {
                assertThat(c.table()).isEqualTo("`" + db + "`.`t`");
                assertThat(c.reason()).contains("`name`").contains("changed since the ticket");
            });
            assertThat(definition("name")).as("the later change is kept: " + since.get(i)).isEqualTo(changed);
        }

        ExecutionReport skipped = executor.rollback("D-C0", ConflictPolicy.SKIP_CONFLICTS);
        assertThat(skipped.completed()).as(skipped.toString()).isTrue();
        assertThat(skipped.statements().get(0).message()).contains("left as it is");
        assertThat(definition("name")).contains("varchar(80)").contains("latin1");

        ExecutionReport forced = executor.rollback("D-C1", ConflictPolicy.FORCE);
        assertThat(forced.completed()).as(forced.toString()).isTrue();
        assertThat(definition("name")).as("a DBA's forced rollback puts the ticket's definition back")
                .isEqualTo("`name` varchar(40) DEFAULT NULL");
    }

    /**
     * An index the ticket added that another change replaced since under the same name is not dropped (a helper's
     * finding: the rollback dropped another person's UNIQUE index). One left as the ticket added it goes.
     */
    @Test
    void anIndexReplacedSinceUnderItsNameIsNotDropped() throws SQLException {
        execute("D-I1", "CREATE INDEX ib ON t (name)");
        execute("D-I2", "ALTER TABLE t ADD INDEX ic (n)");
        sql("DROP INDEX ib ON `" + db + "`.t", "CREATE UNIQUE INDEX ib ON `" + db + "`.t (name, n)",
                "ALTER TABLE `" + db + "`.t DROP INDEX ic, ADD INDEX ic (n, name)");

        for (String ticket : List.of("D-I1", "D-I2")) {
            ExecutionReport report = executor.rollback(ticket);
            assertThat(report.completed()).as(ticket + ": " + report).isFalse();
            assertThat(report.conflicts()).as(ticket).singleElement().satisfies(c ->
                    assertThat(c.reason()).startsWith("index `i").contains("was changed since the ticket added it"));
        }
        assertThat(TargetTables.scalar("SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS"
                + " WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 't' AND INDEX_NAME IN ('ib', 'ic')"))
                .isEqualTo("2");

        execute("D-I3", "CREATE INDEX id_name ON t (name)");
        assertThat(executor.rollback("D-I3").completed()).as("as the ticket left it").isTrue();
    }

    /** A column the ticket changed twice, or changed and renamed, goes back step by step without a false conflict. */
    @Test
    void aColumnOnlyTheTicketChangedGoesBackStepByStep() throws SQLException {
        String before = definition("name");
        execute("D-S1", "ALTER TABLE t MODIFY name VARCHAR(80)", "ALTER TABLE t MODIFY name VARCHAR(100) NOT NULL",
                "ALTER TABLE t CHANGE name full_name VARCHAR(100) NOT NULL COMMENT 'full'",
                "ALTER TABLE t MODIFY n BIGINT, MODIFY full_name VARCHAR(120) NOT NULL COMMENT 'full'");

        ExecutionReport report = executor.rollback("D-S1");

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(definition("name")).isEqualTo(before);
        assertThat(columns()).containsExactly("id", "name", "n");
    }

    @Test
    void aDdlBehindAnotherIsCheckedWhenTheRollbackReachesIt() throws SQLException {
        execute("D-8", "CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(20))",
                "ALTER TABLE t ADD COLUMN tier VARCHAR(10) NOT NULL DEFAULT 'basic'");
        sql("INSERT INTO `" + db + "`.notes VALUES (1, 'written since')");

        ExecutionReport report = executor.rollback("D-8");

        assertThat(report.completed()).isFalse();
        assertThat(report.statements()).as("in rollback order").extracting(StatementOutcome::index,
                StatementOutcome::status).containsExactly(tuple(2, Status.EXECUTED), tuple(1, Status.CONFLICT));
        assertThat(report.stoppedAt()).hasValueSatisfying(s -> assertThat(s.message())
                .contains("rows written since").contains("changed nothing"));
        assertThat(report.conflicts()).as("listed for the DBA's decision").singleElement()
                .satisfies(c -> assertThat(c.table()).isEqualTo("`" + db + "`.`notes`"));
        assertThat(columns()).as("statement 2 is undone").containsExactly("id", "name", "n");
        assertThat(rows("notes")).containsExactly("1|written since");
    }

    // --- helpers

    private void execute(String ticketId, String... statements) {
        ExecutionReport report = executor.execute(ticketId, db, List.of(statements));
        assertThat(report.completed()).as(report.toString()).isTrue();
    }

    private static void sql(String... statements) throws SQLException {
        TargetTables.sql(statements);
    }

    private List<String> rows(String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, body FROM `" + db + "`.`" + table + "` ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "|" + rs.getString(2));
            }
        }
        return rows;
    }

    private List<String> columns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                     + db + "' AND TABLE_NAME = 't' ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    /** The column's line of SHOW CREATE TABLE t, as the server prints it. */
    private String definition(String column) throws SQLException {
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + db + "`.t")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(2).lines().map(String::strip).filter(l -> l.startsWith("`" + column + "` "))
                    .map(l -> l.endsWith(",") ? l.substring(0, l.length() - 1) : l).findFirst().orElse(null);
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                     + db + "' AND TABLE_NAME = '" + table + "'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
