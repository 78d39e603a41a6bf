package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.HOST;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PASSWORD;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.PORT;
import static io.tollgate.integrations.mysql.execution.MysqlTicketExecutorIT.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text in every character set the server has comes back to the byte. The executor reads and writes in UTF-8: a
 * latin1 column holding byte 0x81 read back as U+FFFD, and its rollback failed on it; big5 read 270 of its codes as
 * characters other codes also map to, and sjis its 0x5C as a backslash it stores as 0x815F: those rollbacks
 * ended as done with other bytes in the rows. Each column here holds every byte and every two-byte sequence from
 * 0x80 (in character sets of several bytes a character) that its character set takes as they are.
 */
class CharacterSetsIT {

    final String db = "tg_cs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final MysqlTicketExecutor executor = new MysqlTicketExecutor(new MysqlCoordinates(HOST, PORT, USER, PASSWORD, null),
            ExecutionSettings.defaults().withLedgerSchema(db + "_meta").withLockWait(Duration.ZERO));
    final List<String> charsets = new ArrayList<>();

    @BeforeEach
    void createTarget() throws SQLException {
        Map<String, Integer> maxLength = new HashMap<>();
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CHARACTER_SET_NAME, MAXLEN FROM information_schema.CHARACTER_SETS"
                     + " WHERE CHARACTER_SET_NAME <> 'binary' ORDER BY 1")) {
            while (rs.next()) {
                charsets.add(rs.getString(1));
                maxLength.put(rs.getString(1), rs.getInt(2));
            }
        }
        List<String> single = new ArrayList<>();
        for (int a = 0; a < 256; a++) {
            single.add(String.format("%02X", a));
        }
        List<String> pairs = new ArrayList<>();
        for (int lead = 0x80; lead < 256; lead++) {
            for (int trail = 0; trail < 256; trail++) {
                pairs.add(String.format("%02X%02X", lead, trail));
            }
        }
        TargetTables.sql("CREATE DATABASE `" + db + "`");
        // every byte in every character set; every pair from 0x80 on in those whose characters take several bytes
        fill("single_byte", charsets, single);
        fill("two_bytes", charsets.stream().filter(cs -> maxLength.get(cs) > 1).toList(), pairs);
    }

    private void fill(String table, List<String> columns, List<String> sequences) throws SQLException {
        try (Connection c = TargetTables.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `" + db + "`.`" + table + "` (id INT PRIMARY KEY, " + columns.stream()
                    .map(cs -> "c_" + cs + " VARCHAR(4) CHARACTER SET " + cs + " COLLATE " + cs + "_bin")
                    .collect(Collectors.joining(", ")) + ")");
            s.execute("CREATE TABLE `" + db + "`.seqs (id INT PRIMARY KEY, h VARBINARY(2))");
            for (int from = 0; from < sequences.size(); from += 5000) {
                StringBuilder insert = new StringBuilder("INSERT INTO `" + db + "`.seqs VALUES ");
                for (int id = from; id < Math.min(sequences.size(), from + 5000); id++) {
                    insert.append(id == from ? "" : ", ").append('(').append(id).append(", X'")
                            .append(sequences.get(id)).append("')");
                }
                s.execute(insert.toString());
            }
            s.execute("INSERT INTO `" + db + "`.`" + table + "` (id) SELECT id FROM `" + db + "`.seqs");
            // each column holds every sequence its character set takes as it is (the rest stay NULL); a sequence it
            // does not take is read as '?' with a warning, not an error, outside strict mode
            s.execute("SET SESSION sql_mode = ''");
            for (String cs : columns) {
                s.execute("UPDATE `" + db + "`.`" + table + "` JOIN `" + db + "`.seqs USING (id) SET c_" + cs
                        + " = CONVERT(h USING " + cs + ") WHERE CAST(CONVERT(h USING " + cs + ") AS BINARY) = h");
            }
            s.execute("DROP TABLE `" + db + "`.seqs");
        }
    }

    @AfterEach
    void dropTarget() throws SQLException {
        TargetTables.sql("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + db + "_meta`");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE", "DELETE"})
    void everyStoredByteComesBackInEveryCharacterSet(String kind) throws SQLException {
        assertThat(charsets).contains("latin1", "big5", "sjis", "utf8mb4", "ucs2");
        assertThat(TargetTables.scalar("SELECT CONCAT((SELECT SUM(HEX(c_latin1) = '81') + SUM(HEX(c_sjis) = '5C')"
                + " FROM `" + db + "`.single_byte), (SELECT SUM(HEX(c_big5) = 'A15A') FROM `" + db + "`.two_bytes))"))
                .as("values that did not come back").isEqualTo("21");
        for (String table : List.of("single_byte", "two_bytes")) {
            List<String> columns = columns(table);
            Map<String, String> before = digests(table, columns);
            String ticket = "CS-" + UUID.randomUUID();
            List<String> statements = new ArrayList<>();
            for (int from = 0; from < 0x8000 + 256; from += 4096) {
                // in parts: a statement's rollback is recorded in one ledger row
                String range = " WHERE id >= " + from + " AND id < " + (from + 4096);
                statements.add(kind.equals("UPDATE") ? "UPDATE " + table + " SET " + columns.stream()
                        .map(c -> c + " = 'x'").collect(Collectors.joining(", ")) + range
                        : "DELETE FROM " + table + range);
            }

            ExecutionReport executed = executor.execute(ticket, db, statements);
            assertThat(executed.completed()).as(executed.toString()).isTrue();
            assertThat(digests(table, columns)).isNotEqualTo(before);
            ExecutionReport rolledBack = executor.rollback(ticket);

            assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
            assertThat(digests(table, columns)).as(table).isEqualTo(before);
        }
    }

    @Test
    void textKeysInALegacyCharacterSetNameTheirRowsAndTheRollbackStaysReadable() throws SQLException {
        TargetTables.sql("CREATE TABLE `" + db + "`.names (k VARCHAR(8) CHARACTER SET latin1 PRIMARY KEY,"
                        + " v VARCHAR(8) CHARACTER SET latin1)",
                "INSERT INTO `" + db + "`.names VALUES ('caf\u00e9', 'a'), (_latin1 X'81', 'b'), ('plain', _latin1 X'8D')");
        String before = names();
        String ticket = "CS-" + UUID.randomUUID();

        ExecutionReport executed = executor.execute(ticket, db, List.of("UPDATE names SET v = 'new'",
                "INSERT INTO names VALUES ('na\u00efve', _latin1 X'9D')"));
        assertThat(executed.completed()).as(executed.toString()).isTrue();
        String rollback = executor.recordedRollback(ticket).stream().map(RecordedInverse::sql)
                .collect(Collectors.joining("\n"));
        assertThat(rollback).contains("`k` = 'caf\u00e9'", "`v` = 'a'", "`k` = _latin1 X'81'", "`v` = _latin1 X'8d'",
                // the key guarded byte for byte too: its collation equates other keys
                "`k` = 'na\u00efve' AND `k` <=> CAST(CONVERT('na\u00efve' USING latin1) AS BINARY)"
                        + " AND `v` <=> CAST(CONVERT(_latin1 X'9d' USING latin1) AS BINARY)");
        ExecutionReport rolledBack = executor.rollback(ticket);

        assertThat(rolledBack.completed()).as(rolledBack.toString()).isTrue();
        assertThat(names()).isEqualTo(before);
    }

    private List<String> columns(String table) throws SQLException {
        return List.of(TargetTables.scalar("SELECT GROUP_CONCAT(COLUMN_NAME ORDER BY ORDINAL_POSITION) FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + table + "'"
                + " AND COLUMN_NAME <> 'id'").split(","));
    }

    /** Each column's values, as bytes, digested over all rows (a sum of each row's CRC32). */
    private Map<String, String> digests(String table, List<String> columns) throws SQLException {
        Map<String, String> digests = new HashMap<>();
        for (String column : columns) {
            digests.put(column, TargetTables.scalar("SELECT CONCAT(COUNT(*), ' ', SUM(CRC32(CONCAT(id, ':',"
                    + " IFNULL(HEX(" + column + "), 'NULL'))))) FROM `" + db + "`.`" + table + "`"));
        }
        return digests;
    }

    private String names() throws SQLException {
        return TargetTables.scalar("SELECT GROUP_CONCAT(HEX(k), ' ', HEX(v) ORDER BY k SEPARATOR ', ') FROM `" + db
                + "`.names");
    }
}
