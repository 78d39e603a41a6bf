package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The account's own grants as {@code SHOW GRANTS} lists them, read and parsed in one place for the connection test,
 * the trigger check and the foreign-key check (ADR 0041). Grants held only through a role that the server does not
 * expand there are not seen, which makes the checks refuse, never let through.
 */
final class MysqlGrants {

    /**
     * One {@code GRANT privileges ON scope TO ...} line.
     *
     * @param privileges upper case, as listed ({@code SELECT}, {@code ALL PRIVILEGES}, {@code SELECT (id)}...)
     * @param scope      {@code *.*}, {@code `db`.*} or {@code `db`.`t`}, as written
     */
    record Grant(List<String> privileges, String scope) {

        /** Whether it gives any of the named privileges; ALL gives every one. */
        boolean gives(java.util.Set<String> any) {
            return privileges.stream().anyMatch(p -> any.contains(p) || p.equals("ALL") || p.equals("ALL PRIVILEGES"));
        }

        boolean global() {
            return scope.equals("*.*");
        }

        /** Global or on a whole database ({@code db.*}). */
        boolean databaseWide() {
            return scope.endsWith(".*");
        }

        /** Whether the scope covers {@code schema.table}: globally, the schema (a LIKE pattern) or the table. */
        boolean covers(String schema, String table) {
            int dot = scopeDot(scope);
            if (dot < 0) {
                return false;
            }
            String db = scope.substring(0, dot);
            String tb = scope.substring(dot + 1);
            if (db.equals("*")) {
                return tb.equals("*");
            }
            return likeMatches(unquote(db), schema) && (tb.equals("*") || unquote(tb).equals(table));
        }
    }

    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (\\S+) TO .*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private MysqlGrants() {
    }

    /**
     * The account's grant lines; empty when the server checks no privileges at all ({@code --skip-grant-tables},
     * as the embedded sandbox runs): then nothing is hidden from it.
     */
    static Optional<List<String>> read(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        } catch (SQLException noGrants) {
            if (withoutPrivilegeChecks(noGrants)) {
                return Optional.empty();
            }
            throw noGrants;
        }
        return Optional.of(lines);
    }

    /** Whether {@code SHOW GRANTS} failed because the server checks no privileges. */
    static boolean withoutPrivilegeChecks(SQLException e) {
        return String.valueOf(e.getMessage()).contains("skip-grant-tables");
    }

    /** The lines that are privilege grants (role grants and others left out). */
    static List<Grant> parse(List<String> lines) {
        List<Grant> grants = new ArrayList<>();
        for (String line : lines) {
            Matcher m = GRANT.matcher(line.strip());
            if (m.matches()) {
                grants.add(new Grant(List.of(m.group(1).split(",")).stream()
                        .map(p -> p.strip().toUpperCase(Locale.ROOT)).toList(), m.group(2)));
            }
        }
        return grants;
    }

    /** The dot between a scope's schema and table, outside backquotes; -1 when there is none. */
    private static int scopeDot(String scope) {
        boolean quoted = false;
        for (int i = 0; i < scope.length(); i++) {
            char ch = scope.charAt(i);
            if (ch == '`') {
                quoted = !quoted;
            } else if (ch == '.' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** A schema grant's name as a LIKE pattern ({@code _} and {@code %} wild, {@code \_} and {@code \%} literal). */
    private static boolean likeMatches(String pattern, String name) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (ch == '_') {
                regex.append('.');
            } else if (ch == '%') {
                regex.append(".*");
            } else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(name).matches();
    }

    private static String unquote(String identifier) {
        return identifier.length() >= 2 && identifier.startsWith("`") && identifier.endsWith("`")
                ? identifier.substring(1, identifier.length() - 1).replace("``", "`") : identifier;
    }
}
