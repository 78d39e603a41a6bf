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

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementSupport.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a comment ends is read by the server and by the review's parser (Druid), which decides the before-images,
 * the review's counts and what the approver was told. They disagreed: MySQL reads {@code --} followed by a tab or any
 * other control character as a comment, Druid as two minus signs; Druid ends a line comment at a lone carriage return
 * (or U+001A), the server only at a line feed. {@code WHERE id = 2 --<tab>1} changed row 2 and imaged row 3, with
 * equal counts: EXECUTED, and its rollback could not give row 2 back. Against the machine's MariaDB/MySQL.
 */
class CommentReadingIT {

    final String db = "tg_cm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.t (id INT PRIMARY KEY, v VARCHAR(40))",
                "INSERT INTO `" + db + "`.t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aCommentAfterDashesAndATabIsRefusedWithNothingChanged() throws SQLException {
        assertRefused("CM-1", "UPDATE t SET v = 'x' WHERE id = 2 --\t1", "'--' followed by a tab");
    }

    @Test
    void aLineCommentThatDruidWouldEndAtALoneCarriageReturnIsRefused() throws SQLException {
        assertRefused("CM-2", "UPDATE t SET v = 'x' WHERE id = 2 # note\r- 1", "carriage return");
        assertRefused("CM-3", "DELETE FROM t WHERE id = 2 -- note\u001a- 1", "U+001A");
    }

    @Test
    void commentsBothReadAlikeStillRun() throws SQLException {
        ExecutionReport report = executor.execute("CM-4", db, List.of(
                "UPDATE t SET v = 'x' -- a comment\r\nWHERE id = 2 # another\r\n",
                "UPDATE t SET v = 'y' /* block\r */ WHERE id = 3 --\n",
                "UPDATE t SET v = '--\t1 # \r' WHERE id = 1 -- \tend"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).containsExactly("1 --\t1 # \r", "2 x", "3 y");
        assertThat(executor.rollback("CM-4").completed()).isTrue();
        assertThat(rows()).containsExactly("1 a", "2 b", "3 c");
    }

    /**
     * Every character from U+0000 to U+0020, DEL and some Unicode spaces in and around comments, strings and names:
     * wherever the server picks other rows with the statement as written than with the WHERE Druid read (printed by
     * Druid, as the before-images are), the statement is refused. The sweep must find such places, or it proves nothing.
     */
    @Test
    void wheneverTheServerAndTheParserReadAWhereOtherwiseTheStatementIsRefused() throws SQLException {
        List<Character> characters = new ArrayList<>();
        for (char c = 0; c <= 0x20; c++) {
            characters.add(c);
        }
        for (char c : new char[] {0x7f, 0x85, 0xa0, 0x2000, 0x2028, 0x3000, 0xfeff}) {
            characters.add(c);
        }
        List<String> shapes = List.of("id = 2 --%c1", "id = 2 -%c-1", "id = 2 #%c- 1", "id = 2 # x%c- 1",
                "id = 2 -- x%c- 1", "id = 2 -- %c- 1", "id = 2 #%c\n- 1", "id = 2%c- 1", "id = 2 /*%c*/ - 1",
                "id = 2 /* x */%c- 1", "v = 'b%c' OR id = 1", "v = 'b\\%c' OR id = 1", "`i%cd` = 2", "id = 2 --%c",
                "id = 2%c--1", "id = 2 -- x%c\n- 1", "id = 2 # '%c' - 1", "id = 2 -- \"%c\" - 1");
        int readOtherwise = 0;
        List<String> missed = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            s.execute("USE `" + db + "`");
            for (String shape : shapes) {
                for (char ch : characters) {
                    String where = shape.replace("%c", String.valueOf(ch));
                    String update = "UPDATE t SET v = 'x' WHERE " + where;
                    String parsed;
                    try {
                        parsed = SQLUtils.toSQLString(((SQLUpdateStatement) SQLUtils.parseSingleMysqlStatement(update))
                                .getWhere(), com.alibaba.druid.DbType.mysql);
                    } catch (RuntimeException unparsable) {
                        continue; // refused as unparsable before anything runs
                    }
                    String asWritten = ids(s, "SELECT id FROM t WHERE " + where);
                    if (asWritten == null || asWritten.equals(ids(s, "SELECT id FROM t WHERE " + parsed))) {
                        continue; // the server refuses it, or both read the same rows
                    }
                    readOtherwise++;
                    if (StatementSupport.readOtherwise(update).isEmpty()) {
                        missed.add(shape.replace("\n", "\\n") + " with U+" + String.format("%04X", (int) ch));
                    }
                }
            }
        }
        assertThat(readOtherwise).as("places where the two readings differ").isGreaterThan(20);
        assertThat(missed).as("read otherwise and not refused").isEmpty();
    }

    @Test
    void theRefusalNamesWhereTheCommentStandsAndWhatToWriteInstead() {
        assertThat(StatementSupport.readOtherwise("UPDATE t SET v = 'x'\nWHERE id = 2 --\t1"))
                .hasValueSatisfying(r -> {
                    assertThat(r.reason()).isEqualTo(Reason.MISREAD_COMMENT);
                    assertThat(r.message()).contains("line 2, column 14").contains("write '-- ' with a space");
                });
        assertThat(StatementSupport.readOtherwise("UPDATE t SET v = 'x' WHERE id = 2 # a\rb"))
                .hasValueSatisfying(r -> assertThat(r.message()).contains("at line 1, column 35 holds a carriage return at line 1, column 38")
                        .contains("end the comment's line with a line feed"));
    }

    /** The ids the query selects, or null when the server refuses it. */
    private static String ids(Statement s, String query) {
        List<Integer> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        } catch (SQLException refused) {
            return null;
        }
        return ids.toString();
    }

    private void assertRefused(String ticket, String sql, String named) throws SQLException {
        TargetTables.assertRefused(executor, db, ticket, sql, named);
    }

    private List<String> rows() throws SQLException {
        return TargetTables.idsAndValues(db);
    }
}
