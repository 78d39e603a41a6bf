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
import java.util.Random;
import java.util.UUID;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The before-images are read with the WHERE clause as written, not as the parser prints it back (ADR 0048). Druid's
 * printing drops the parentheses around a NOT operand, reads {@code !!x} as {@code !x} and quotes {@code -"2"} as a
 * string with its double quotes in it: the server read the printed WHERE as other rows than the statement's, and where
 * the counts matched the ticket ended EXECUTED with images of rows it never changed. Against the machine's
 * MariaDB/MySQL.
 */
class WhereReadingIT {

    final String db = "tg_wr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(40), n INT, archived BOOLEAN)",
                "INSERT INTO `" + db + "`.t VALUES (0, 'zero', NULL, 1), (1, 'a', 1, 0), (2, 'b', 0, 0), (3, 'c', 2, 1),"
                        + " (4, '2', -1, 0), (5, NULL, 3, 1)",
                "CREATE TABLE `" + db + "`.o (x INT PRIMARY KEY)", "INSERT INTO `" + db + "`.o VALUES (2), (3)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aNegatedDoubleQuotedStringImagesTheRowTheStatementChanges() throws SQLException {
        // Druid printed -'"-2"': the string "-2" with its quotes, 0 as a number; the server reads -"-2" as 2
        assertExactOrRefused("WR-1", "UPDATE t SET v = 'x' WHERE id = -\"-2\"", true);
    }

    @Test
    void aDoubleNegationImagesTheRowsTheStatementChanges() throws SQLException {
        // !!TRUE ^ 2 != id came back as !TRUE ^ 2 != id: rows 1, 2, 4, 5 against 1, 3, 4, 5, as many
        assertExactOrRefused("WR-2", "UPDATE t SET v = 'y' WHERE !!TRUE ^ 2 != id AND id > 0", true);
    }

    @Test
    void aParenthesizedNotRunsAsWritten() throws SQLException {
        // (NOT n) < n came back as NOT n < n: every row with an n against 1, 3 and 5; the counts told, and the
        // statement was refused although nothing was wrong with it
        assertExactOrRefused("WR-3", "DELETE FROM t WHERE (NOT n) < n", true);
    }

    @Test
    void subqueriesAreStillLockedAndReadAsWritten() throws SQLException {
        assertExactOrRefused("WR-4", "UPDATE t SET v = 's' WHERE id IN (SELECT x FROM o WHERE x > 2 UNION"
                + " SELECT x FROM o WHERE x < 3) -- the rows o names\n", true);
        assertExactOrRefused("WR-5", "DELETE FROM t WHERE EXISTS (SELECT 1 FROM o WHERE o.x = t.id FOR UPDATE)"
                + " AND (NOT archived)", true);
    }

    /**
     * Conditions built at random (a fixed seed) from the table's columns, literals and MySQL's operators: each either
     * runs and rolls back to the table it started from, or is refused with nothing changed. Those the server and Druid's
     * printing read as other rows are among them, or the sweep proves nothing.
     */
    @Test
    void anyConditionRunsAndRollsBackExactlyOrIsRefused() throws SQLException {
        Random random = new Random(48);
        int readOtherwise = 0;
        int ran = 0;
        for (int i = 0; ran < 120; i++) {
            String condition = Conditions.random(random, 3);
            String printed;
            try {
                printed = SQLUtils.toSQLString(((SQLUpdateStatement) SQLUtils.parseSingleMysqlStatement(
                        "UPDATE t SET v = 'r' WHERE " + condition)).getWhere(), DbType.mysql);
            } catch (RuntimeException unparsable) {
                continue;
            }
            String asWritten = ids("SELECT id FROM t WHERE " + condition);
            String asPrinted = ids("SELECT id FROM t WHERE " + printed);
            if (asWritten == null || "[]".equals(asWritten)) {
                continue; // the server refuses it, or it changes nothing
            }
            boolean otherwise = !asWritten.equals(asPrinted);
            if (!otherwise && i % 10 != 0) {
                continue; // most alike conditions are skipped: the sweep is about the others
            }
            readOtherwise += otherwise ? 1 : 0;
            ran++;
            assertExactOrRefused("WR-R" + i, "UPDATE t SET v = CONCAT('r', id) WHERE " + condition, false);
        }
        assertThat(readOtherwise).as("conditions the server and the printing read as other rows").isGreaterThan(10);
    }

    /** Runs the statement: executed, it rolls back to the table as it was; refused, nothing changed. */
    private void assertExactOrRefused(String ticket, String sql, boolean mustRun) throws SQLException {
        List<String> before = rows();

        ExecutionReport report = executor.execute(ticket, db, List.of(sql));

        if (!report.completed()) {
            assertThat(mustRun).as(sql + ": " + report).isFalse();
            assertThat(rows()).as(sql + ": refused, nothing changed").isEqualTo(before);
            return;
        }
        assertThat(rows()).as(sql + ": it changed something").isNotEqualTo(before);
        ExecutionReport rollback = executor.rollback(ticket);
        assertThat(rollback.completed()).as(sql + ": " + rollback).isTrue();
        assertThat(rows()).as(sql + ": rolled back exactly").isEqualTo(before);
    }

    /** The ids the query selects, or null when the server refuses it. */
    private String ids(String query) {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            s.execute("USE `" + db + "`");
            try (ResultSet rs = s.executeQuery(query)) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
        } catch (SQLException refused) {
            return null;
        }
        return ids.toString();
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, v, n, archived FROM `" + db + "`.t ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        return rows;
    }

    /** Random conditions over t's columns. */
    static final class Conditions {

        private static final String[] ATOMS = {"id", "2", "1", "3", "0", "-1", "'2'", "NULL", "TRUE", "FALSE", "v",
                "'b'", "1.5", "0x2", "b'1'", "2e0", "id+0", "\"2\"", "n", "archived", "-\"2\""};
        private static final String[] BINARY = {"+", "-", "*", "/", "DIV", "MOD", "%", "^", "|", "&", "<<", ">>", "=",
                "<=>", "<>", "!=", "<", ">", "<=", ">=", "AND", "OR", "XOR", "&&"};
        private static final String[] UNARY = {"-", "~", "NOT ", "!", "!!"};

        private Conditions() {
        }

        static String random(Random r, int depth) {
            if (depth == 0 || r.nextInt(4) == 0) {
                return ATOMS[r.nextInt(ATOMS.length)];
            }
            return switch (r.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> random(r, depth - 1) + " " + BINARY[r.nextInt(BINARY.length)] + " "
                        + random(r, depth - 1);
                case 5 -> random(r, depth - 1) + " IS " + (r.nextBoolean() ? "NOT " : "")
                        + new String[] {"NULL", "TRUE", "FALSE"}[r.nextInt(3)];
                case 6, 7 -> UNARY[r.nextInt(UNARY.length)] + random(r, depth - 1);
                case 8 -> random(r, depth - 1) + (r.nextBoolean() ? " NOT" : "") + " IN (" + random(r, depth - 1)
                        + ", " + random(r, depth - 1) + ")";
                default -> "(" + random(r, depth - 1) + ")";
            };
        }
    }
}
