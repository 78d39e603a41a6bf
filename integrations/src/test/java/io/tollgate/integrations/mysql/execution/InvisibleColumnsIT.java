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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An INSERT without a column list fills the visible columns in order; an INVISIBLE column (MariaDB 10.3, MySQL 8.0.23)
 * is left out. The executor counted it: {@code INSERT INTO acct VALUES (5, 3)} inserted row 5 and was recorded as row
 * 3, a row that was there before, and the rollback deleted row 3 and kept row 5. Against the machine's MariaDB/MySQL.
 */
class InvisibleColumnsIT {

    final String db = "tg_iv_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.acct (audit_note VARCHAR(20) INVISIBLE DEFAULT 'new', id INT PRIMARY KEY,"
                        + " balance INT)",
                "INSERT INTO `" + db + "`.acct (audit_note, id, balance) VALUES ('opened', 3, 30), ('opened', 4, 40)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void anInsertWithoutAColumnListIsRecordedByTheKeyItWroteAndRollsBackExactly() throws SQLException {
        List<String> before = rows();

        ExecutionReport report = executor.execute("IV-1", db, List.of("INSERT INTO acct VALUES (5, 3), (6, 4)"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).containsExactly("opened 3 30", "opened 4 40", "new 5 3", "new 6 4");
        ExecutionReport rollback = executor.rollback("IV-1");
        assertThat(rollback.completed()).as(rollback.toString()).isTrue();
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anInvisibleColumnIsImagedAndPutBack() throws SQLException {
        List<String> before = rows();

        ExecutionReport report = executor.execute("IV-2", db, List.of(
                "UPDATE acct SET audit_note = 'frozen', balance = 0 WHERE id = 3", "DELETE FROM acct WHERE id = 4"));

        assertThat(report.completed()).as(report.toString()).isTrue();
        assertThat(rows()).containsExactly("frozen 3 0");
        assertThat(executor.rollback("IV-2").completed()).isTrue();
        assertThat(rows()).isEqualTo(before);
    }

    private List<String> rows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT audit_note, id, balance FROM `" + db + "`.acct ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3));
            }
        }
        return rows;
    }
}
