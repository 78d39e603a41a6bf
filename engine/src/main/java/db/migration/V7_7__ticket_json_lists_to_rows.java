package db.migration;

import java.io.Reader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Issue 13: tickets stored before V7_5/V7_6 keep their findings, statement results and rollback SQL as JSON lists in
 * {@code sql_ticket}; reading one meant loading the whole list (48 MB for 200,000 findings), whatever was asked for.
 * This moves each list into its rows, as the application writes them now (same columns, same cuts, seq dense from 0),
 * sets the ticket's counts (and its findings' summary per rule and level) and clears the JSON column. One ticket and
 * one list at a time, parsed as a stream element by element and written in batches of 1,000: at most one column's
 * text is held (as the old reads held it), never the list of parsed objects that made a large ticket's read cost ten
 * times its size. A list whose rows already exist (its count is set) is left as it is. Flyway runs the whole
 * migration in one transaction, so a failure leaves every ticket as it was, still readable through the fallback.
 */
public class V7_7__ticket_json_lists_to_rows extends BaseJavaMigration {

    private static final int BATCH = 1000;
    private static final int MAX_MESSAGE = 4000;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String> tickets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ticket_id FROM sql_ticket WHERE findings_json IS NOT NULL"
                + " OR execution_json IS NOT NULL OR rollback_json IS NOT NULL OR rollback_sql_json IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tickets.add(rs.getString(1));
            }
        }
        for (String ticket : tickets) {
            findings(c, ticket);
            results(c, ticket, "execution_json", "execution_count", "EXECUTION");
            results(c, ticket, "rollback_json", "rollback_count", "ROLLBACK");
            rollbackSql(c, ticket);
        }
    }

    private interface Rows {
        /** Adds the batch row of one list element at position {@code seq}. */
        void add(PreparedStatement insert, int seq, JsonNode item) throws SQLException;
    }

    private static void findings(Connection c, String ticket) throws Exception {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Integer moved = move(c, ticket, "findings_json", "finding_count",
                "INSERT INTO sql_ticket_finding (ticket_id, seq, statement_no, line_no, column_no, rule_id,"
                        + " finding_level, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (insert, seq, f) -> {
                    String rule = cut(text(f, "ruleId", ""), 100);
                    String level = cut(text(f, "level", ""), 10);
                    counts.computeIfAbsent(rule, r -> new TreeMap<>()).merge(level, 1, Integer::sum);
                    insert.setString(1, ticket);
                    insert.setInt(2, seq);
                    insert.setInt(3, f.path("statement").asInt());
                    insert.setInt(4, f.path("line").asInt());
                    insert.setInt(5, f.path("column").asInt());
                    insert.setString(6, rule);
                    insert.setString(7, level);
                    insert.setString(8, cut(text(f, "message", ""), MAX_MESSAGE));
                });
        if (moved == null) {
            return;
        }
        // the counts per rule and level, errors first, then by rule (as the review writes them)
        List<Map<String, Object>> summary = new ArrayList<>();
        counts.forEach((rule, levels) -> levels.forEach((level, n) ->
                summary.add(Map.of("ruleId", rule, "level", level, "count", n))));
        summary.sort(Comparator.comparing((Map<String, Object> s) -> !"ERROR".equals(s.get("level")))
                .thenComparing(s -> (String) s.get("ruleId")));
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE sql_ticket SET finding_summary_json = ? WHERE ticket_id = ?")) {
            ps.setString(1, MAPPER.writeValueAsString(summary));
            ps.setString(2, ticket);
            ps.executeUpdate();
        }
    }

    private static void results(Connection c, String ticket, String column, String countColumn, String run)
            throws Exception {
        move(c, ticket, column, countColumn, "INSERT INTO sql_ticket_result (ticket_id, run, seq, statement_no, kind,"
                        + " status, affected_rows, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (insert, seq, r) -> {
                    insert.setString(1, ticket);
                    insert.setString(2, run);
                    insert.setInt(3, seq);
                    insert.setInt(4, r.path("index").asInt());
                    insert.setString(5, cut(text(r, "kind", null), 60));
                    insert.setString(6, cut(text(r, "status", "UNKNOWN"), 30));
                    insert.setLong(7, r.path("affectedRows").asLong(-1));
                    insert.setString(8, cut(text(r, "message", null), MAX_MESSAGE));
                });
    }

    private static void rollbackSql(Connection c, String ticket) throws Exception {
        move(c, ticket, "rollback_sql_json", "rollback_sql_count", "INSERT INTO sql_ticket_rollback_step (ticket_id,"
                        + " seq, statement_no, sql_text) VALUES (?, ?, ?, ?)",
                (insert, seq, s) -> {
                    insert.setString(1, ticket);
                    insert.setInt(2, seq);
                    insert.setInt(3, s.path("statement").asInt());
                    insert.setString(4, text(s, "sql", null));
                });
    }

    /**
     * Streams the JSON list in {@code column} of the ticket into rows, sets {@code countColumn} and clears the JSON.
     * Leaves a list alone whose count is already set (its rows were written by the application).
     *
     * @return how many rows were written, or null when there was nothing to move
     */
    private static Integer move(Connection c, String ticket, String column, String countColumn, String insertSql,
                                Rows rows) throws Exception {
        int seq = 0;
        try (PreparedStatement select = c.prepareStatement("SELECT " + column + ", " + countColumn
                + " FROM sql_ticket WHERE ticket_id = ?")) {
            select.setString(1, ticket);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next() || rs.getInt(2) != 0) {
                    return null;
                }
                try (Reader json = rs.getCharacterStream(1)) {
                    if (json == null) {
                        return null;
                    }
                    try (JsonParser parser = MAPPER.createParser(json);
                         PreparedStatement insert = c.prepareStatement(insertSql)) {
                        if (parser.nextToken() != JsonToken.START_ARRAY) {
                            return null;
                        }
                        int pending = 0;
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode item = MAPPER.readTree(parser);
                            rows.add(insert, seq++, item);
                            insert.addBatch();
                            if (++pending == BATCH) {
                                insert.executeBatch();
                                pending = 0;
                            }
                        }
                        if (pending > 0) {
                            insert.executeBatch();
                        }
                    }
                }
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE sql_ticket SET " + countColumn + " = ?, "
                + column + " = NULL WHERE ticket_id = ?")) {
            update.setInt(1, seq);
            update.setString(2, ticket);
            update.executeUpdate();
        }
        return seq;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
