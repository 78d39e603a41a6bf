package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rollback puts back exactly what was there, for every column type: {@code CHECKSUM TABLE} before execution equals
 * {@code CHECKSUM TABLE} after rollback, for UPDATE, DELETE and INSERT. FLOAT values that print with six digits,
 * every byte value, 4-byte characters, TIMESTAMPs, generated columns (skipped, not written), spatial values and NULLs.
 */
class ExactRollbackIT {

    final String db = "tg_ex_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));

    static final String EVERY_BYTE;

    static {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        EVERY_BYTE = "X'" + HexFormat.of().formatHex(all) + "'";
    }

    @BeforeEach
    void createTarget() throws SQLException {
        sql("CREATE DATABASE `" + db + "` DEFAULT CHARACTER SET utf8mb4",
                "CREATE TABLE `" + db + "`.kinds (id INT PRIMARY KEY, ti TINYINT, si SMALLINT UNSIGNED, mi MEDIUMINT,"
                        + " bi BIGINT UNSIGNED, de DECIMAL(30,10), f FLOAT, d DOUBLE, b BIT(13), dt DATE, tm TIME(6),"
                        + " dtm DATETIME(6), ts TIMESTAMP(6) NULL, y YEAR, ch CHAR(5), vc VARCHAR(20) COLLATE utf8mb4_general_ci,"
                        + " lat VARCHAR(10) CHARACTER SET latin1, bn BINARY(4), vb VARBINARY(300), bl BLOB, tx TEXT,"
                        + " e ENUM('a','B','c'), st SET('x','y','z'), j JSON, g INT AS (id * 2) VIRTUAL,"
                        + " gs INT AS (ti + 1) STORED, pt POINT NULL, geo GEOMETRY NULL)",
                "INSERT INTO `" + db + "`.kinds (id, ti, si, mi, bi, de, f, d, b, dt, tm, dtm, ts, y, ch, vc, lat, bn, vb,"
                        + " bl, tx, e, st, j, pt, geo) VALUES"
                        + " (1, -128, 65535, -8388608, 18446744073709551615, 12345678901234567890.0123456789,"
                        + " 3.14159265358979, 2.718281828459045, b'1010101010101', '2024-02-29', '-838:59:59.000000',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155, 'ab', 'caf\u00e9 \ud83d\ude00',"
                        + " 'caf\u00e9', X'00FF0A0D', " + EVERY_BYTE + ", " + EVERY_BYTE + ", 'line\\nbreak \\\\ \\' \"',"
                        + " 'B', 'x,z', '{\"k\": [1, 2.5, \"\\\\u00e9\"], \"n\": null}', ST_GeomFromText('POINT(1.5 -2.25)'),"
                        + " ST_GeomFromText('POLYGON((0 0, 1 0, 1 1, 0 0))')),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, 0, 0, 0, 0, -0.0000000001, -3.4e38, 1e-300, b'0', '1000-01-01', '00:00:00.000001',"
                        + " '1000-01-01 00:00:00.000000', '1970-01-01 00:00:01.000001', 1901, '', '', '', X'', X'', X'',"
                        + " '', 'a', '', '[]', NULL, NULL)",
                // YEAR 0000: the string '0' would put back 2000
                "INSERT INTO `" + db + "`.kinds (id, y) VALUES (4, 0)");
    }

    @AfterEach
    void dropTarget() throws SQLException {
        sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "UPDATE kinds SET ti = 1, si = 2, mi = 3, bi = 4, de = 5, f = 6, d = 7, b = b'1', dt = '2000-01-01',"
                    + " tm = '01:00:00', dtm = NOW(6), ts = NOW(6), y = 2000, ch = 'z', vc = 'Z', lat = 'z', bn = X'01',"
                    + " vb = X'02', bl = X'03', tx = 'changed', e = 'c', st = 'y', j = '{}', pt = ST_GeomFromText('POINT(0 0)'),"
                    + " geo = NULL",
            "UPDATE kinds SET f = f / 2, d = d / 3, ts = ts WHERE id <> 2",
            "DELETE FROM kinds",
            "INSERT INTO kinds (id, f, d, ts, vb, j) VALUES (10, 3.14159265358979, 0.1, '2030-06-01 12:00:00.123456',"
                    + " X'00FF', '{\"a\": 1}'), (11, NULL, NULL, NULL, NULL, NULL)"})
    void checksumBeforeExecutionEqualsChecksumAfterRollback(String statement) throws SQLException {
        String checksum = checksum();
        String ticket = "EX-" + Math.abs(statement.hashCode());

        ExecutionReport executed = executor.execute(ticket, db, List.of(statement));
        assertThat(executed.completed()).as(executed.toString()).isTrue();
        assertThat(checksum()).isNotEqualTo(checksum);

        ExecutionReport rolledBack = executor.rollback(ticket);
        assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
        assertThat(checksum()).isEqualTo(checksum);
    }

    private String checksum() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("CHECKSUM TABLE `" + db + "`.kinds EXTENDED")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static Connection connection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + HOST + ":" + PORT + "/", USER, PASSWORD);
    }
}
