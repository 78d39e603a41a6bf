package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlDialect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the rollback SQL {@link DmlChange} writes, taken apart again: its table, the key that names its row,
 * what it restores, and its conflict guard. The grammar is Tollgate's own (one statement per line, backquoted
 * names, literals that never hold a raw line break), so a scanner that respects quotes reads it exactly; lines of
 * tickets executed before the guards existed read the same way, without guards.
 *
 * <ul>
 *   <li>{@code UPDATE t SET `c` = before WHERE `k` = key AND `c` <=> after} puts back what a statement changed,
 *   only while the row still holds what the statement left;</li>
 *   <li>{@code DELETE FROM t WHERE `k` = key AND `c` <=> inserted} removes an inserted row while it is as inserted;</li>
 *   <li>{@code INSERT INTO t (cols) VALUES (before)} brings a deleted row back; it fails if the key came back since;</li>
 *   <li>{@code SET time_zone = ...} sets the session (TIMESTAMP values are written in UTC).</li>
 * </ul>
 */
public record RollbackLine(Kind kind, String text, String table, List<Part> keys, List<Part> values, List<Part> guards) {

    enum Kind { UPDATE, DELETE, INSERT, SESSION }

    /** A column and the SQL on its right-hand side (a literal, or a guard's comparison operand). */
    record Part(String column, String sql) {
        /**
         * The literal inside the operand, for people: {@code CAST(CONVERT('x' USING latin1) AS BINARY)} and (written
         * before guards compared bytes) {@code CONVERT('x' USING latin1) COLLATE ...} read 'x'.
         */
        String literal() {
            return literal(sql);
        }

        private static String literal(String operand) {
            String upper = operand.toUpperCase(Locale.ROOT);
            if (upper.startsWith("CONVERT(") || upper.startsWith("CAST(")) {
                // the operand may itself hold a space: _latin1 X'...' (TextLiterals)
                List<String> inside = splitOnce(operand.substring(operand.indexOf('(') + 1),
                        upper.startsWith("CAST(") ? " AS " : " USING ");
                return inside.size() == 2 ? literal(inside.get(0)) : operand;
            }
            return operand;
        }
    }

    public static RollbackLine parse(String line) {
        String text = line.strip();
        String body = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        String upper = body.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SET ")) {
            return new RollbackLine(Kind.SESSION, text, null, List.of(), List.of(), List.of());
        }
        if (upper.startsWith("UPDATE ")) {
            List<String> tableAndRest = splitOnce(body.substring("UPDATE ".length()), " SET ");
            List<String> setAndWhere = splitOnce(tableAndRest.get(1), " WHERE ");
            List<Part> values = split(setAndWhere.get(0), ", ").stream().map(p -> part(p, " = ")).toList();
            List<Part> keys = new ArrayList<>();
            List<Part> guards = new ArrayList<>();
            conditions(setAndWhere.get(1), keys, guards);
            return new RollbackLine(Kind.UPDATE, text, tableAndRest.get(0), keys, values, guards);
        }
        if (upper.startsWith("DELETE FROM ")) {
            List<String> tableAndWhere = splitOnce(body.substring("DELETE FROM ".length()), " WHERE ");
            List<Part> keys = new ArrayList<>();
            List<Part> guards = new ArrayList<>();
            conditions(tableAndWhere.get(1), keys, guards);
            return new RollbackLine(Kind.DELETE, text, tableAndWhere.get(0), keys, List.of(), guards);
        }
        if (upper.startsWith("INSERT INTO ")) {
            List<String> tableAndColumns = splitOnce(body.substring("INSERT INTO ".length()), " (");
            List<String> columnsAndValues = splitOnce("(" + tableAndColumns.get(1), " VALUES ");
            List<String> columns = split(unwrap(columnsAndValues.get(0)), ", ");
            List<String> literals = split(unwrap(columnsAndValues.get(1)), ", ");
            if (columns.size() != literals.size()) {
                throw new IllegalArgumentException("not a rollback line of Tollgate's: " + text);
            }
            List<Part> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                values.add(new Part(columns.get(i), literals.get(i)));
            }
            return new RollbackLine(Kind.INSERT, text, tableAndColumns.get(0), List.of(), values, List.of());
        }
        throw new IllegalArgumentException("not a rollback line of Tollgate's: " + text);
    }

    /**
     * The line as it restores the row whatever it holds now (a DBA's forced rollback). An INSERT line's is an UPDATE of
     * the row that holds its key now: it is forced only when that row is there.
     */
    String forced(List<String> primaryKey) {
        return switch (kind) {
            case UPDATE -> "UPDATE " + table + " SET " + join(values, " = ", ", ") + " WHERE " + join(keys, " = ", " AND ");
            case DELETE -> "DELETE FROM " + table + " WHERE " + join(keys, " = ", " AND ");
            // the row whose key came back, by its key alone: an upsert would write whichever row holds any of the
            // table's unique values, a row the ticket never touched among them
            case INSERT -> {
                List<Part> updates = values.stream().filter(v -> !isKey(v.column(), primaryKey)).toList();
                yield "UPDATE " + table + " SET " + (updates.isEmpty() ? values.get(0).column() + " = "
                        + values.get(0).column() : join(updates, " = ", ", ")) + " WHERE " + keyCondition(primaryKey);
            }
            case SESSION -> body();
        };
    }

    /**
     * What the row holds now, for the columns the line restores or guards: one row of
     * {@link #probeColumns(List)}, or none when the row is gone.
     */
    String probe(List<String> primaryKey) {
        return "SELECT " + String.join(", ", probeColumns(primaryKey)) + " FROM " + table + " WHERE "
                + keyCondition(primaryKey);
    }

    List<String> probeColumns(List<String> primaryKey) {
        List<String> columns = new ArrayList<>();
        switch (kind) {
            case UPDATE -> values.forEach(v -> columns.add(v.column()));
            case DELETE -> guards.forEach(g -> columns.add(g.column()));
            case INSERT -> values.stream().filter(v -> !isKey(v.column(), primaryKey)).forEach(v -> columns.add(v.column()));
            case SESSION -> { }
        }
        if (columns.isEmpty()) {
            columns.add("1");
        }
        return columns;
    }

    /** The key condition, also as people read it ({@code `id` = 7}); an INSERT line names its key by the table's primary key columns among its values. */
    String keyCondition(List<String> primaryKey) {
        if (kind != Kind.INSERT) {
            return join(keys, " = ", " AND ");
        }
        return join(values.stream().filter(v -> isKey(v.column(), primaryKey)).toList(), " = ", " AND ");
    }

    String body() {
        return text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isKey(String quotedColumn, List<String> primaryKey) {
        return primaryKey.stream().anyMatch(k -> DmlChange.quote(k).equals(quotedColumn));
    }

    private static void conditions(String where, List<Part> keys, List<Part> guards) {
        for (String condition : split(where, " AND ")) {
            List<String> guard = splitOnce(condition, " <=> ");
            if (guard.size() == 2) {
                guards.add(new Part(guard.get(0), guard.get(1)));
            } else {
                keys.add(part(condition, " = "));
            }
        }
    }

    private static Part part(String assignment, String operator) {
        List<String> sides = splitOnce(assignment, operator);
        if (sides.size() != 2) {
            throw new IllegalArgumentException("not a rollback assignment: " + assignment);
        }
        return new Part(sides.get(0), sides.get(1));
    }

    private static String join(List<Part> parts, String operator, String separator) {
        return String.join(separator, parts.stream().map(p -> p.column() + operator + p.sql()).toList());
    }

    private static String unwrap(String parenthesised) {
        String s = parenthesised.strip();
        if (!s.startsWith("(") || !s.endsWith(")")) {
            throw new IllegalArgumentException("expected a parenthesised list: " + s);
        }
        return s.substring(1, s.length() - 1);
    }

    /** Splits at the first top-level {@code separator}; one element when there is none. */
    private static List<String> splitOnce(String s, String separator) {
        int at = topLevel(s, separator, 0);
        return at < 0 ? List.of(s) : List.of(s.substring(0, at), s.substring(at + separator.length()));
    }

    /** Splits at every top-level {@code separator}: outside quotes, backquotes and parentheses. */
    static List<String> split(String s, String separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = topLevel(s, separator, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + separator.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static int topLevel(String s, String separator, int from) {
        int depth = 0;
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'' || ch == '`' || ch == '"') {
                i = closing(s, i, ch);
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && s.regionMatches(true, i, separator, 0, separator.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the quote that closes the one at {@code open}. */
    private static int closing(String s, int open, char quote) {
        int close = MysqlDialect.closingQuote(s, open);
        if (close < 0) {
            throw new IllegalArgumentException("unclosed " + quote + " in: " + s);
        }
        return close;
    }
}
