package io.tollgate.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The database server's statement counters ({@code SHOW GLOBAL STATUS}) around a run, per unit of work: round trips
 * are what a ticket pays most on a busy machine, and unlike seconds they do not depend on what else runs. Exact only
 * when nothing else uses the server (point {@code TOLLGATE_TEST_MYSQL} at a server of the benchmark's own).
 */
final class ServerCounters {

    private static final List<String> NAMES = List.of("Questions", "Com_select", "Com_insert", "Com_update",
            "Com_delete", "Com_set_option", "Com_commit", "Com_rollback");

    private final Map<String, Long> values;

    private ServerCounters(Map<String, Long> values) {
        this.values = values;
    }

    static ServerCounters read(Connection connection) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS WHERE"
                + " Variable_name IN (" + NAMES.stream().map(n -> "'" + n + "'").collect(Collectors.joining(","))
                + ")")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new ServerCounters(values);
    }

    /** "Questions 41.2, Com_select 20.1, ..." per unit since {@code before}. */
    String perUnitSince(ServerCounters before, int units) {
        return NAMES.stream().filter(values::containsKey).map(n -> String.format(Locale.ROOT, "%s %.1f", n,
                (values.get(n) - before.values.getOrDefault(n, 0L)) / (double) units)).collect(Collectors.joining(", "));
    }
}
