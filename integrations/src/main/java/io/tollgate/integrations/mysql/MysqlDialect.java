package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.mysql.cj.MysqlConnection;

/**
 * Makes a target's session read SQL text the way Tollgate's review parses it: MySQL's default dialect.
 *
 * <p>Some {@code sql_mode} flags change what a statement's text means: with {@code NO_BACKSLASH_ESCAPES} a backslash
 * does not escape the quote after it, so {@code 'x\' WHERE id = 1 -- ' WHERE id = 2} ends its string early and the
 * server changes row 1 where the review, the approver and the before-images saw row 2; {@code ANSI_QUOTES} turns
 * {@code "name"} from a string into a column; {@code PIPES_AS_CONCAT} turns {@code ||} from OR into concatenation;
 * {@code HIGH_NOT_PRECEDENCE} binds {@code NOT} to the operand after it; MariaDB's {@code ORACLE}, {@code MSSQL},
 * {@code DB2}, {@code POSTGRESQL} and {@code MAXDB} switch grammars. Every session Tollgate reviews or executes in
 * leaves them out, so the statement that runs is the one that was reviewed and approved; every other flag (strictness,
 * zero dates, ...) stays as the server has it.
 */
public final class MysqlDialect {

    /** The flags that change how the server reads a statement's text, as {@code @@sql_mode} names them. */
    public static final Set<String> TEXT_MODES = Set.of("NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "PIPES_AS_CONCAT",
            "HIGH_NOT_PRECEDENCE", "ANSI", "ORACLE", "MSSQL", "DB2", "POSTGRESQL", "MAXDB");

    private MysqlDialect() {
    }

    /**
     * Takes the {@link #TEXT_MODES} out of the session's {@code sql_mode}; sends nothing when it has none of them.
     *
     * @return the flags taken out, in the server's order (empty when the session already read SQL as the review does)
     */
    public static List<String> readAsReviewed(Connection connection) throws SQLException {
        String mode = sessionMode(connection);
        Optional<String> reviewed = withoutTextModes(mode);
        if (reviewed.isPresent()) {
            try (PreparedStatement ps = connection.prepareStatement("SET SESSION sql_mode = ?")) {
                ps.setString(1, reviewed.get());
                ps.execute();
            }
            if (connection.isWrapperFor(MysqlConnection.class)) {
                // Connector/J quotes names and escapes parameters by the mode it read when it connected: tell it
                connection.unwrap(MysqlConnection.class).getSession().getServerSession().getServerVariables()
                        .put("sql_mode", reviewed.get());
            }
        }
        return textModes(mode);
    }

    /** The flags that refuse zero dates, which tables written before them still hold. */
    private static final Set<String> ZERO_DATE_CHECKS = Set.of("NO_ZERO_DATE", "NO_ZERO_IN_DATE", "TRADITIONAL");
    /** What a session that puts rows back adds: dates as stored, and a key of 0 kept as 0. */
    private static final List<String> AS_STORED = List.of("ALLOW_INVALID_DATES", "NO_AUTO_VALUE_ON_ZERO");

    /**
     * For a session that puts rows back as they were (a rollback): values are written as the table held them. A
     * table keeps its {@code '0000-00-00'}, {@code '2020-00-10'} and, written under {@code ALLOW_INVALID_DATES},
     * {@code '2021-02-30'} under any mode, which checks new values only; so the session drops {@code NO_ZERO_DATE} and
     * {@code NO_ZERO_IN_DATE} (and {@code TRADITIONAL}, which implies them) and adds {@code ALLOW_INVALID_DATES}. An
     * auto-increment key of 0 (a table restored from a dump holds one) would be written as a newly generated key; the
     * session adds {@code NO_AUTO_VALUE_ON_ZERO}. Strictness stays: a value that no longer fits its column still
     * fails. Sends nothing when there is nothing to change.
     */
    public static void writeRowsAsStored(Connection connection) throws SQLException {
        String mode;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            mode = rs.getString(1) == null ? "" : rs.getString(1);
        }
        List<String> flags = new ArrayList<>(flags(mode)
                .filter(f -> !ZERO_DATE_CHECKS.contains(f.toUpperCase(Locale.ROOT))).toList());
        for (String flag : AS_STORED) {
            if (flags.stream().noneMatch(flag::equalsIgnoreCase)) {
                flags.add(flag);
            }
        }
        String asStored = String.join(",", flags);
        if (!asStored.equalsIgnoreCase(mode)) {
            try (PreparedStatement ps = connection.prepareStatement("SET SESSION sql_mode = ?")) {
                ps.setString(1, asStored);
                ps.execute();
            }
            if (connection.isWrapperFor(MysqlConnection.class)) {
                connection.unwrap(MysqlConnection.class).getSession().getServerSession().getServerVariables()
                        .put("sql_mode", asStored);
            }
        }
    }

    /** {@code sqlMode} without the {@link #TEXT_MODES}, when it has any of them; else empty. */
    public static Optional<String> withoutTextModes(String sqlMode) {
        if (textModes(sqlMode).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(flags(sqlMode).filter(f -> !TEXT_MODES.contains(f.toUpperCase(Locale.ROOT)))
                .collect(Collectors.joining(",")));
    }

    /**
     * The session's {@code sql_mode}. Connector/J read it with the server's other variables when it connected: when
     * that has none of the flags (the usual case) nothing is asked; else the session is asked, since Connector/J may
     * have changed the mode since (it adds strictness for its truncation checks).
     */
    static String sessionMode(Connection connection) throws SQLException {
        if (connection.isWrapperFor(MysqlConnection.class)) {
            String known = connection.unwrap(MysqlConnection.class).getSession().getServerSession()
                    .getServerVariable("sql_mode");
            if (known != null && textModes(known).isEmpty()) {
                return known;
            }
        }
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            String mode = rs.getString(1);
            return mode == null ? "" : mode;
        }
    }

    /** The flags of a {@code sql_mode} value that {@link #readAsReviewed} would take out. */
    public static List<String> textModes(String sqlMode) {
        return flags(sqlMode).filter(f -> TEXT_MODES.contains(f.toUpperCase(Locale.ROOT))).toList();
    }

    private static Stream<String> flags(String sqlMode) {
        return Arrays.stream(sqlMode == null ? new String[0] : sqlMode.split(",")).map(String::trim)
                .filter(f -> !f.isEmpty());
    }

    /**
     * The index of the quote that closes the one at {@code open} in MySQL's default dialect: a doubled quote stays
     * inside, and so does a backslash escape in a string (not in a quoted name); -1 when it is never closed.
     */
    public static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
