package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * "Test connection": signs in to a MySQL/MariaDB server read-only and reports its version, binary-log settings and
 * whether the account holds the privileges Tollgate uses to execute tickets, capture before-images and run
 * pt-online-schema-change. It never changes the server and never throws: failures come back as a report.
 */
public final class MysqlServerProbe {

    /** What executing tickets (DML and DDL), capturing before-images and pt-online-schema-change need. */
    public static final List<String> REQUIRED_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE",
            "DROP", "ALTER", "INDEX", "TRIGGER", "LOCK TABLES", "PROCESS", "REPLICATION SLAVE", "REPLICATION CLIENT");

    private final Duration timeout;

    public MysqlServerProbe(Duration timeout) {
        this.timeout = timeout;
    }

    public MysqlServerReport probe(MysqlCoordinates target) {
        Properties props = MysqlConnections.properties(target, timeout, timeout);
        try (Connection c = DriverManager.getConnection(MysqlConnections.url(target), props);
             Statement s = c.createStatement()) {
            c.setReadOnly(true);
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            String version;
            boolean logBin;
            String format;
            String rowImage;
            boolean readOnly;
            try (ResultSet rs = s.executeQuery(
                    "SELECT VERSION(), @@log_bin, @@binlog_format, @@binlog_row_image, @@read_only")) {
                rs.next();
                version = rs.getString(1);
                logBin = rs.getBoolean(2);
                format = rs.getString(3);
                rowImage = rs.getString(4);
                readOnly = rs.getBoolean(5);
            }
            List<String> grants = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            boolean grantTables = true;
            try (ResultSet rs = s.executeQuery("SHOW GRANTS")) {
                while (rs.next()) {
                    grants.add(rs.getString(1));
                }
            } catch (SQLException noGrants) {
                // a server started with --skip-grant-tables (the embedded sandbox) checks no privileges at all
                grantTables = !MysqlGrants.withoutPrivilegeChecks(noGrants);
                warnings.add(grantTables ? "The account's privileges could not be read: " + noGrants.getMessage()
                        : "The server runs without privilege checks (--skip-grant-tables): fine for a sandbox, never "
                        + "for production.");
            }
            List<String> missing = grantTables ? missingPrivileges(grants) : List.of();
            if (!logBin) {
                warnings.add("The binary log is off: Tollgate rolls back from before-images it captures itself, "
                        + "but point-in-time recovery and binlog-based rollback are unavailable.");
            } else if (!"ROW".equalsIgnoreCase(format) || !"FULL".equalsIgnoreCase(rowImage)) {
                warnings.add("binlog_format=" + format + ", binlog_row_image=" + rowImage
                        + ": binlog-based rollback needs ROW and FULL.");
            }
            if (readOnly) {
                warnings.add("The server is read_only: ordinary accounts cannot write to it.");
            }
            if (!missing.isEmpty()) {
                warnings.add("The account lacks " + String.join(", ", missing) + ".");
            }
            return new MysqlServerReport(true, null, version, logBin, format, rowImage, readOnly, List.copyOf(grants),
                    missing, List.copyOf(warnings));
        } catch (SQLException e) {
            return MysqlServerReport.unreachable("Cannot connect to " + target.host() + ":" + target.port()
                    + " as " + target.user() + ": " + e.getMessage());
        }
    }

    /** The required privileges that exist only globally: a database-wide ALL does not give them. */
    private static final Set<String> GLOBAL_ONLY = Set.of("PROCESS", "REPLICATION SLAVE", "REPLICATION CLIENT");

    /**
     * The required privileges that no global or database-wide grant line gives. ALL on one database gives that
     * database's privileges, not the global ones (PROCESS, replication): an account with {@code ALL ON app.*} still
     * cannot read InnoDB's list of foreign keys.
     */
    static List<String> missingPrivileges(List<String> grants) {
        Set<String> held = new LinkedHashSet<>();
        for (MysqlGrants.Grant grant : MysqlGrants.parse(grants)) {
            if (!grant.databaseWide()) {
                continue; // table- or column-level grants do not cover arbitrary tickets
            }
            for (String p : grant.privileges()) {
                if (p.equals("ALL") || p.equals("ALL PRIVILEGES")) {
                    REQUIRED_PRIVILEGES.stream().filter(r -> grant.global() || !GLOBAL_ONLY.contains(r))
                            .forEach(held::add);
                } else {
                    held.add(p);
                }
            }
        }
        return REQUIRED_PRIVILEGES.stream().filter(p -> !held.contains(p)).toList();
    }
}
