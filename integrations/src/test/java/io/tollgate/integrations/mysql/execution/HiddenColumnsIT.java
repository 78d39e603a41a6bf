package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
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
 * An instance account with column privileges only (a column of personal data kept from the change tool) sees only
 * those columns in information_schema, so before-images would miss the others: a DELETE would lose them for good and
 * a rollback's guarded DELETE would not see that the application changed them. Such a table is refused, whatever
 * the statement. Against the machine's MariaDB/MySQL.
 */
class HiddenColumnsIT {

    final String db = "tg_hc_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String user;
    final ExecutionSettings settings = ExecutionSettings.defaults().withLedgerSchema(db + "_meta")
            .withLockWait(Duration.ZERO);
    final MysqlTicketExecutor root = new MysqlTicketExecutor(
            new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null), settings);
    MysqlTicketExecutor limited;

    @BeforeEach
    void createTarget() throws SQLException {
        TargetTables.sql("CREATE DATABASE `" + db + "`",
                "CREATE TABLE `" + db + "`.person (id INT PRIMARY KEY, city VARCHAR(20), ssn VARCHAR(20))",
                "CREATE TABLE `" + db + "`.plain (id INT PRIMARY KEY, v VARCHAR(20))",
                "INSERT INTO `" + db + "`.person VALUES (1, 'Bern', 'ssn-1'), (2, 'Genf', 'ssn-2')",
                "INSERT INTO `" + db + "`.plain VALUES (1, 'a')");
        user = TargetTables.user("tghc_",
                "SELECT (id, city), INSERT (id, city), UPDATE (city), DELETE ON `" + db + "`.person",
                "SELECT, INSERT, UPDATE, DELETE ON `" + db + "`.plain", "ALL ON `" + db + "_meta`.*", "PROCESS ON *.*");
        limited = TargetTables.executorAs(user, settings);
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.dropUser(user);
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`",
                "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @Test
    void aDeleteOfRowsWithColumnsTheAccountCannotReadIsRefused() throws SQLException {
        String before = everything();

        ExecutionReport report = limited.execute("HC-1", db, List.of("DELETE FROM person WHERE id = 2"));

        assertThat(report.completed()).as(report.toString()).isFalse();
        assertThat(report.stoppedAt().orElseThrow().message())
                .contains("cannot read every column of `" + db + "`.`person`", "grant the account SELECT");
        assertThat(everything()).as("ssn-2 not lost").isEqualTo(before);
    }

    @Test
    void anUpdateAndAnInsertAreRefusedTooAndATableItReadsWholeRuns() throws SQLException {
        String before = everything();

        for (String sql : List.of("UPDATE person SET city = 'Basel' WHERE id = 1",
                "INSERT INTO person (id, city) VALUES (3, 'Chur')")) {
            ExecutionReport report = limited.execute("HC-" + sql.length(), db, List.of(sql));
            assertThat(report.stoppedAt()).as(sql).hasValueSatisfying(s -> assertThat(s.message())
                    .contains("cannot read every column"));
        }
        assertThat(everything()).isEqualTo(before);

        ExecutionReport plain = limited.execute("HC-4", db, List.of("DELETE FROM plain WHERE id = 1"));
        assertThat(plain.completed()).as(plain.toString()).isTrue();
        assertThat(limited.rollback("HC-4").completed()).isTrue();
        assertThat(everything()).isEqualTo(before);
    }

    /** Every row of both tables, read as root. */
    private String everything() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            for (String table : List.of("person", "plain")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM `" + db + "`." + table + " ORDER BY 1")) {
                    while (rs.next()) {
                        List<String> values = new ArrayList<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            values.add(rs.getString(i));
                        }
                        rows.add(table + " " + String.join(" ", values) + "\n");
                    }
                }
            }
        }
        return String.join("", rows);
    }
}
