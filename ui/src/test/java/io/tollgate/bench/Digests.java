package io.tollgate.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * With {@code -Dbench.digests=true} and the server's performance_schema on: the statements a run made, grouped by
 * their digest (the statement with its literals taken out), per unit of work, most frequent first. Tells where the
 * statements per ticket come from; {@link ServerCounters} only counts them.
 */
final class Digests {

    static final boolean ON = Boolean.getBoolean("bench.digests");
    private static final int SHOWN = 150;

    private Digests() {
    }

    /** Forgets what the server has summed so far. */
    static void reset(Connection server) throws SQLException {
        if (ON) {
            try (Statement s = server.createStatement()) {
                s.execute("TRUNCATE TABLE performance_schema.events_statements_summary_by_digest");
            }
        }
    }

    /** Prints the run's digests per unit, then forgets them. */
    static void print(Connection server, String run, int units) throws SQLException {
        if (!ON) {
            return;
        }
        System.out.printf("statement digests per %s (count per unit, ms per unit, statement):%n", run);
        try (Statement s = server.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT_STAR, SUM_TIMER_WAIT,"
                + " DIGEST_TEXT FROM performance_schema.events_statements_summary_by_digest"
                + " ORDER BY COUNT_STAR DESC LIMIT " + SHOWN)) {
            while (rs.next()) {
                String text = rs.getString(3);
                System.out.printf("  %7.2f %7.3f  %s%n", rs.getLong(1) / (double) units,
                        rs.getLong(2) / 1e9 / units, text == null ? "-" : text.length() > 220 ? text.substring(0, 220)
                                : text);
            }
        }
        reset(server);
    }
}
