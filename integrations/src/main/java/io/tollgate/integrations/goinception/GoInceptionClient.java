package io.tollgate.integrations.goinception;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Asks goInception to check a script (never to execute it) over MySQL's protocol with Connector/J: one query
 * {@code /*--user=..;--password=..;--host=..;--port=..;--check=1;*&#47; inception_magic_start; use db; sql;
 * inception_magic_commit;} and its result set, one row per statement. Every way goInception can fail to answer
 * ends in a {@link GoInceptionUnavailableException}, never in an empty (passing) result.
 */
public class GoInceptionClient {

    /** The result columns goInception answers a check with, in order. */
    public static final List<String> COLUMNS = List.of("order_id", "stage", "error_level", "stage_status",
            "error_message", "sql", "affected_rows", "sequence", "backup_dbname", "execute_time", "sqlsha1",
            "backup_time");

    private final GoInceptionProperties properties;

    public GoInceptionClient(GoInceptionProperties properties) {
        this.properties = properties;
    }

    public boolean configured() {
        return properties.configured();
    }

    /** host:port of goInception, for messages. */
    public String address() {
        return configured() ? hostPort() : "(not configured)";
    }

    /**
     * Checks {@code sql} against {@code target}.
     *
     * @return one row per statement as goInception split it, never empty for a non-blank script
     * @throws GoInceptionUnavailableException when goInception gives no usable answer
     */
    public List<GoInceptionRow> check(GoInceptionTarget target, String sql) {
        requireConfigured();
        String query = query(target, sql);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            List<GoInceptionRow> rows = new ArrayList<>();
            if (!statement.execute(query)) {
                throw garbage("no result set");
            }
            try (ResultSet rs = statement.getResultSet()) {
                requireColumns(rs.getMetaData());
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
            if (rows.isEmpty() && !sql.isBlank()) {
                throw garbage("no row for the script");
            }
            return rows;
        } catch (SQLException | GarbageAnswer e) {
            throw unavailable(e, target.password());
        }
    }

    /** Whether goInception answers now: null when it does, otherwise the sentence that says why not. */
    public String health() {
        if (!configured()) {
            return "goInception is not configured (TOLLGATE_GOINCEPTION_URL)";
        }
        try (Connection connection = connect()) {
            // a ping: goInception answers COM_PING like any MySQL server
            return connection.isValid((int) Math.max(1, properties.timeout().toSeconds())) ? null
                    : "goInception at " + hostPort() + " did not answer in " + seconds(properties.timeout());
        } catch (SQLException e) {
            return unavailable(e, null).getMessage();
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", properties.user() == null ? "" : properties.user());
        props.setProperty("password", properties.password() == null ? "" : properties.password());
        String millis = String.valueOf(Math.max(1000, properties.timeout().toMillis()));
        props.setProperty("connectTimeout", millis);
        props.setProperty("socketTimeout", millis);
        // the one check query holds several statements; goInception splits them itself
        props.setProperty("allowMultiQueries", "true");
        props.setProperty("allowLoadLocalInfile", "false");
        props.setProperty("sslMode", "DISABLED");
        props.setProperty("allowPublicKeyRetrieval", "true");
        props.setProperty("characterEncoding", "UTF-8");
        props.setProperty("connectionTimeZone", "SERVER");
        return DriverManager.getConnection("jdbc:mysql://" + hostPort() + "/", props);
    }

    /** The check query; option values that would end goInception's comment or an option are refused. */
    static String query(GoInceptionTarget target, String sql) {
        StringBuilder q = new StringBuilder("/*");
        option(q, "user", target.user());
        option(q, "password", target.password());
        option(q, "host", target.host());
        option(q, "port", String.valueOf(target.port()));
        q.append("--check=1;*/\ninception_magic_start;\n");
        if (target.database() != null && !target.database().isBlank()) {
            q.append("use `").append(target.database().replace("`", "``")).append("`;\n");
        }
        String script = sql.strip();
        q.append(script);
        if (!script.isEmpty() && !script.endsWith(";")) {
            q.append(';');
        }
        q.append("\ninception_magic_commit;");
        return q.toString();
    }

    private static void option(StringBuilder q, String name, String value) {
        String v = value == null ? "" : value;
        if (v.contains(";") || v.contains("*/") || v.contains("\n")) {
            throw new GoInceptionUnavailableException("The " + name + " of the instance contains ';', '*/' or a line"
                    + " break, which goInception's options cannot carry");
        }
        q.append("--").append(name).append('=').append(v).append(';');
    }

    private static void requireColumns(ResultSetMetaData meta) throws SQLException {
        if (meta.getColumnCount() < COLUMNS.size()) {
            throw garbage(meta.getColumnCount() + " columns instead of " + COLUMNS.size());
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            String label = meta.getColumnLabel(i + 1);
            if (!COLUMNS.get(i).equalsIgnoreCase(label)) {
                throw garbage("column " + (i + 1) + " is '" + label + "', not '" + COLUMNS.get(i) + "'");
            }
        }
    }

    private static GoInceptionRow row(ResultSet rs) throws SQLException {
        int level = rs.getInt("error_level");
        if (rs.wasNull() || level < 0 || level > 2) {
            throw garbage("error_level " + rs.getString("error_level") + " is not 0, 1 or 2");
        }
        String sql = rs.getString("sql");
        if (sql == null) {
            throw garbage("a row without its statement");
        }
        return new GoInceptionRow(rs.getInt("order_id"), rs.getString("stage"), level, rs.getString("stage_status"),
                rs.getString("error_message"), sql, rs.getLong("affected_rows"), rs.getString("sequence"),
                rs.getString("backup_dbname"), rs.getString("execute_time"), rs.getString("sqlsha1"),
                rs.getString("backup_time"));
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new GoInceptionUnavailableException("goInception is not configured (TOLLGATE_GOINCEPTION_URL), but"
                    + " the instance is set to be reviewed by it");
        }
    }

    private static GoInceptionUnavailableException garbage(String what) {
        return new GarbageAnswer("answered something that is not a check result: " + what);
    }

    /** Marks an answer that was read but is not a check result, so that {@link #unavailable} names its address. */
    private static final class GarbageAnswer extends GoInceptionUnavailableException {
        GarbageAnswer(String message) {
            super(message);
        }
    }

    private GoInceptionUnavailableException unavailable(Exception e, String secret) {
        String at = "goInception at " + hostPort();
        if (e instanceof GarbageAnswer) {
            return new GoInceptionUnavailableException(at + " " + e.getMessage());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return new GoInceptionUnavailableException(at + " did not answer in " + seconds(properties.timeout()));
            }
            if (t instanceof java.io.EOFException) {
                return new GoInceptionUnavailableException(at + " dropped the connection before its answer was"
                        + " complete");
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new GoInceptionUnavailableException(at + " is unreachable (" + t.getClass().getSimpleName()
                        + ")");
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.toLowerCase(Locale.ROOT).contains("communications link failure")) {
            return new GoInceptionUnavailableException(at + " dropped the connection before its answer was complete");
        }
        if (secret != null && !secret.isEmpty()) {
            message = message.replace(secret, "***");
        }
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return new GoInceptionUnavailableException(at + " refused the check: " + message);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private String hostPort() {
        String u = properties.url().strip();
        for (String prefix : List.of("jdbc:mysql://", "mysql://")) {
            if (u.regionMatches(true, 0, prefix, 0, prefix.length())) {
                u = u.substring(prefix.length());
            }
        }
        int slash = u.indexOf('/');
        return slash >= 0 ? u.substring(0, slash) : u;
    }
}
