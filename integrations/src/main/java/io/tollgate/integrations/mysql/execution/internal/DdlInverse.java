package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLDataTypeImpl;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLNotNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlgorithm;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableLock;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the inverse of a DDL statement from the table definition read before it runs ({@code SHOW CREATE TABLE},
 * parsed with Druid), or null when no inverse is known to be safe. Safe means running the inverse after the
 * statement gives back the same definition and the same data. A column MODIFY/CHANGE therefore only gets an
 * inverse when its type change cannot lose data (same type, or a widening such as a longer VARCHAR, a bigger
 * integer of the same signedness, more DECIMAL digits, enum values appended) and its collation, auto-increment
 * and generation stay; the inverse is a narrowing that the server runs in strict mode, so values written since
 * that no longer fit make the rollback fail instead of being truncated.
 */
public final class DdlInverse {

    private static final List<String> INTEGERS = List.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final List<String> BLOBS = List.of("tinyblob", "blob", "mediumblob", "longblob");
    private static final Set<String> TEMPORALS = Set.of("datetime", "timestamp", "time");

    private DdlInverse() {
    }

    /**
     * The inverse SQL of {@code ast} run in {@code database}, from the target's state now (before it runs); null
     * when irreversible.
     */
    static String of(Connection c, String database, SQLStatement ast) throws SQLException {
        if (ast instanceof SQLCreateTableStatement create && create.getSelect() == null) {
            String[] table = table(create.getTableSource(), database);
            return exists(c, "TABLES", table, null, null) ? null : "DROP TABLE " + qualified(table);
        }
        if (ast instanceof SQLCreateIndexStatement index && index.getName() != null
                && index.getTable() instanceof SQLExprTableSource ts) {
            String[] table = table(ts, database);
            String name = name(index.getName());
            return exists(c, "STATISTICS", table, "INDEX_NAME", name) ? null
                    : "DROP INDEX " + DmlChange.quote(name) + " ON " + qualified(table);
        }
        if (ast instanceof SQLDropIndexStatement drop && drop.getTableName() != null) {
            String[] table = table(drop.getTableName(), database);
            Definition before = Definition.read(c, table);
            String add = before == null ? null : before.addIndex(name(drop.getIndexName()));
            return add == null ? null : "ALTER TABLE " + qualified(table) + " " + add;
        }
        if (ast instanceof MySqlRenameTableStatement rename && !rename.getItems().isEmpty()) {
            List<String> back = new ArrayList<>();
            for (MySqlRenameTableStatement.Item item : rename.getItems()) {
                back.add(0, qualified(table(item.getTo(), database)) + " TO " + qualified(table(item.getName(), database)));
            }
            return "RENAME TABLE " + String.join(", ", back);
        }
        if (ast instanceof SQLAlterTableStatement alter && !alter.getItems().isEmpty()) {
            return alterTable(c, database, alter);
        }
        return null;
    }

    /**
     * Whether the ALTER is of a shape {@link #alterTable} can invert, before any look at the table: no table options,
     * and at least one item, each of a kind it undoes (ADD/MODIFY/CHANGE/RENAME COLUMN, a named ADD INDEX, DROP INDEX,
     * KEY or PRIMARY KEY, RENAME TO; ALGORITHM and LOCK aside). The review judges reversibility by the same shape.
     */
    public static boolean invertibleShape(SQLAlterTableStatement alter) {
        if (!alter.getTableOptions().isEmpty()) {
            return false;
        }
        boolean any = false;
        for (SQLAlterTableItem item : alter.getItems()) {
            if (item instanceof MySqlAlterTableAlgorithm || item instanceof MySqlAlterTableLock) {
                continue;
            }
            boolean undone = item instanceof SQLAlterTableAddColumn
                    || item instanceof SQLAlterTableAddIndex add && add.getName() != null
                    || item instanceof SQLAlterTableRename rename && rename.getToName() != null
                    || item instanceof MySqlAlterTableModifyColumn || item instanceof MySqlAlterTableChangeColumn
                    || item instanceof SQLAlterTableRenameColumn || item instanceof SQLAlterTableDropIndex
                    || item instanceof SQLAlterTableDropKey || item instanceof SQLAlterTableDropPrimaryKey;
            if (!undone) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * Whether every MODIFY/CHANGE COLUMN of the statement keeps every value (see {@link #widens}); true when it
     * has none. Decides whether a tool that copies rows with INSERT IGNORE, which truncates instead of failing,
     * may run it.
     */
    static boolean keepsValues(Connection c, String database, SQLAlterTableStatement alter) throws SQLException {
        String[] table = table(alter.getTableSource(), database);
        Definition before = null;
        for (SQLAlterTableItem item : alter.getItems()) {
            String old;
            SQLColumnDefinition now;
            if (item instanceof MySqlAlterTableModifyColumn modify) {
                now = modify.getNewColumnDefinition();
                old = name(now.getName());
            } else if (item instanceof MySqlAlterTableChangeColumn change) {
                now = change.getNewColumnDefinition();
                old = name(change.getColumnName());
            } else {
                continue;
            }
            before = before == null ? Definition.read(c, table) : before;
            if (before == null || !before.lossless(c, table, old, now)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each item undone in reverse order, on the table as it is named after the statement. Table options (ENGINE,
     * character set, COMMENT...) have no inverse here: an inverse of the items alone would leave the table on its new
     * engine and call that undone, and a BLACKHOLE engine keeps no row to give back.
     */
    private static String alterTable(Connection c, String database, SQLAlterTableStatement alter) throws SQLException {
        if (!invertibleShape(alter)) {
            return null;
        }
        String[] table = table(alter.getTableSource(), database);
        String[] after = table;
        Definition before = null;
        List<String> undo = new ArrayList<>();
        Set<String> renamedColumns = new HashSet<>();
        List<String[]> repositioned = new ArrayList<>();
        for (SQLAlterTableItem item : alter.getItems()) {
            if (item instanceof MySqlAlterTableAlgorithm || item instanceof MySqlAlterTableLock) {
                continue;
            }
            if (item instanceof SQLAlterTableAddColumn add) {
                for (SQLColumnDefinition column : add.getColumns()) {
                    String name = name(column.getName());
                    if (exists(c, "COLUMNS", table, "COLUMN_NAME", name)) {
                        return null;
                    }
                    undo.add(0, "DROP COLUMN " + DmlChange.quote(name));
                }
                continue;
            }
            if (item instanceof SQLAlterTableAddIndex add && add.getName() != null) {
                String name = name(add.getName());
                if (exists(c, "STATISTICS", table, "INDEX_NAME", name)) {
                    return null;
                }
                undo.add(0, "DROP INDEX " + DmlChange.quote(name));
                continue;
            }
            if (item instanceof SQLAlterTableRename rename && rename.getToName() != null) {
                after = table(rename.getTo(), database);
                undo.add("RENAME TO " + qualified(table));
                continue;
            }
            if (before == null) {
                before = Definition.read(c, table);
                if (before == null) {
                    return null;
                }
            }
            String inverse;
            if (item instanceof MySqlAlterTableModifyColumn modify) {
                SQLColumnDefinition now = modify.getNewColumnDefinition();
                String name = name(now.getName());
                inverse = before.lossless(c, table, name, now) && before.print(name) != null
                        ? "MODIFY COLUMN " + before.print(name) : null;
                if (inverse != null && (modify.isFirst() || modify.getFirstColumn() != null || modify.getAfterColumn() != null)) {
                    repositioned.add(new String[] {name, name});
                }
            } else if (item instanceof MySqlAlterTableChangeColumn change) {
                SQLColumnDefinition now = change.getNewColumnDefinition();
                String old = name(change.getColumnName());
                String name = name(now.getName());
                inverse = before.lossless(c, table, old, now) && before.print(old) != null
                        ? "CHANGE COLUMN " + DmlChange.quote(name) + " " + before.print(old) : null;
                if (!old.equalsIgnoreCase(name)) {
                    renamedColumns.add(old.toLowerCase(Locale.ROOT));
                }
                if (inverse != null && (change.isFirst() || change.getFirstColumn() != null || change.getAfterColumn() != null)) {
                    repositioned.add(new String[] {old, name});
                }
            } else if (item instanceof SQLAlterTableRenameColumn rename) {
                String from = name(rename.getColumn());
                String to = name(rename.getTo());
                inverse = before.column(from) == null ? null
                        : "RENAME COLUMN " + DmlChange.quote(to) + " TO " + DmlChange.quote(from);
                renamedColumns.add(from.toLowerCase(Locale.ROOT));
            } else if (item instanceof SQLAlterTableDropIndex drop) {
                inverse = before.addIndex(name(drop.getIndexName()));
            } else if (item instanceof SQLAlterTableDropKey drop) {
                inverse = before.addIndex(name(drop.getKeyName()));
            } else if (item instanceof SQLAlterTableDropPrimaryKey) {
                inverse = before.addIndex("PRIMARY");
            } else {
                return null;
            }
            if (inverse == null) {
                return null;
            }
            undo.add(0, inverse);
        }
        if (repositioned.size() > 1) {
            // moving several columns in one statement: putting each back after its old neighbour depends on order
            return null;
        }
        if (repositioned.size() == 1) {
            String[] moved = repositioned.get(0);
            String previous = before.previousColumn(moved[0]);
            if (previous != null && renamedColumns.contains(previous.toLowerCase(Locale.ROOT))) {
                return null;
            }
            String position = previous == null ? " FIRST" : " AFTER " + DmlChange.quote(previous);
            for (int i = 0; i < undo.size(); i++) {
                String u = undo.get(i);
                if (u.startsWith("MODIFY COLUMN " + DmlChange.quote(moved[1]) + " ")
                        || u.startsWith("CHANGE COLUMN " + DmlChange.quote(moved[1]) + " ")) {
                    undo.set(i, u + position);
                }
            }
        }
        if (undo.isEmpty()) {
            return null;
        }
        return "ALTER TABLE " + qualified(after) + " " + String.join(", ", undo);
    }

    /**
     * The definitions {@code SHOW CREATE TABLE} prints now for {@code columns} of {@code table}, in their order, one a
     * line (the server escapes line breaks in literals); null when the table, its definition or a column is not there.
     */
    static String printed(Connection c, String[] table, List<String> columns) throws SQLException {
        Definition now = Definition.read(c, table);
        if (now == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String column : columns) {
            String line = now.column(column) == null ? null : now.print(column);
            if (line == null) {
                return null;
            }
            lines.add(line);
        }
        return String.join("\n", lines);
    }

    /** The definition {@code SHOW CREATE TABLE} prints now for index {@code name} of {@code table}; null when none. */
    static String printedIndex(Connection c, String[] table, String name) throws SQLException {
        Definition now = Definition.read(c, table);
        String add = now == null ? null : now.addIndex(name);
        return add == null ? null : add.substring("ADD ".length());
    }

    /**
     * A table's definition as {@code SHOW CREATE TABLE} gave it before the statement: Druid's AST finds columns
     * and indexes, and their text is taken as the server wrote it (one element per line), because Druid's printer
     * reorders some column attributes (a CHECK before DEFAULT) into SQL MariaDB rejects.
     */
    private record Definition(SQLCreateTableStatement create, List<String> lines) {

        /** Null when the table does not exist or its definition cannot be parsed: no inverse then. */
        static Definition read(Connection c, String[] table) throws SQLException {
            String ddl;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + qualified(table))) {
                if (!rs.next()) {
                    return null;
                }
                ddl = rs.getString(2);
            } catch (SQLException e) {
                if (e.getErrorCode() == 1146) {
                    return null;
                }
                throw e;
            }
            try {
                return SQLUtils.parseSingleMysqlStatement(ddl) instanceof SQLCreateTableStatement create
                        ? new Definition(create, ddl.lines().map(String::strip).toList()) : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        SQLColumnDefinition column(String name) {
            for (SQLTableElement element : create.getTableElementList()) {
                if (element instanceof SQLColumnDefinition column && name(column.getName()).equalsIgnoreCase(name)) {
                    return column;
                }
            }
            return null;
        }

        /** The column's definition as the server wrote it; null when not found. */
        String print(String column) {
            return line(DmlChange.quote(name(column(column).getName())) + " ");
        }

        private String line(String prefix) {
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                    return line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
                }
            }
            return null;
        }

        /** The column before {@code name} in the table, or null when it is the first. */
        String previousColumn(String name) {
            String previous = null;
            for (SQLTableElement element : create.getTableElementList()) {
                if (element instanceof SQLColumnDefinition column) {
                    if (name(column.getName()).equalsIgnoreCase(name)) {
                        return previous;
                    }
                    previous = name(column.getName());
                }
            }
            return null;
        }

        /** {@code ADD <index as it was>} for a dropped index, or null when it did not exist. */
        String addIndex(String name) {
            for (SQLTableElement element : create.getTableElementList()) {
                String line = null;
                if (element instanceof MySqlPrimaryKey && "PRIMARY".equalsIgnoreCase(name)) {
                    line = line("PRIMARY KEY (");
                } else if (element instanceof MySqlKey key && !(element instanceof MySqlPrimaryKey)
                        && key.getName() != null && name(key.getName()).equalsIgnoreCase(name)) {
                    String quoted = DmlChange.quote(name(key.getName()));
                    for (String kind : List.of("KEY ", "UNIQUE KEY ", "FULLTEXT KEY ", "SPATIAL KEY ")) {
                        line = line == null ? line(kind + quoted + " ") : line;
                    }
                } else {
                    continue;
                }
                return line == null ? null : "ADD " + line;
            }
            return null;
        }

        /**
         * Whether changing column {@code old} to {@code now} keeps every value, so the old definition can be put
         * back without loss.
         */
        boolean lossless(Connection c, String[] table, String old, SQLColumnDefinition now) throws SQLException {
            SQLColumnDefinition was = column(old);
            if (was == null || generated(was) || generated(now) || replacesNulls(allowsNull(was), now)
                    || was.isAutoIncrement() != now.isAutoIncrement() || !widens(was.getDataType(), now.getDataType())) {
                return false;
            }
            String type = lower(was.getDataType().getName());
            boolean textual = TEXTS.contains(type) || Set.of("char", "varchar", "enum", "set").contains(type);
            return !textual || collation(c, table, old).equalsIgnoreCase(collation(c, table, now));
        }
    }

    /**
     * {@link io.tollgate.integrations.mysql.execution.StatementSupport#keepsEveryValue}: whether changing a column of
     * type {@code currentType} (as the server names it) to {@code now} gets an inverse, as far as the definitions tell
     * it; a new column whose character set or collation is set, or that becomes generated or auto-increment, does not
     * (the executor reads the collations from the target).
     */
    public static boolean keepsEveryValue(String currentType, boolean currentAutoIncrement, boolean currentNullable,
                                          SQLColumnDefinition now) {
        SQLDataType was;
        try {
            was = new com.alibaba.druid.sql.dialect.mysql.parser.MySqlExprParser(currentType).parseDataType();
        } catch (RuntimeException e) {
            return false;
        }
        boolean setsCollation = now.getCollateExpr() != null || now.getCharsetExpr() != null
                || now.getDataType() instanceof SQLCharacterDataType ch && (ch.getCollate() != null
                || ch.getCharSetName() != null);
        return was != null && now.getDataType() != null && !generated(now) && !replacesNulls(currentNullable, now)
                && now.isAutoIncrement() == currentAutoIncrement && !setsCollation && widens(was, now.getDataType());
    }

    /**
     * Whether changing a column that allows NULL ({@code wasNullable}) to {@code now} replaces the NULLs it holds: a
     * TIMESTAMP made NOT NULL, or left to the server's default (NOT NULL where explicit_defaults_for_timestamp is
     * off), gets the current time where it held NULL, with no error even in strict mode (a helper's finding; other
     * types made NOT NULL fail there). Nothing can put those NULLs back.
     */
    public static boolean replacesNulls(boolean wasNullable, SQLColumnDefinition now) {
        return wasNullable && now.getDataType() != null && "timestamp".equals(lower(now.getDataType().getName()))
                && now.getConstraints().stream().noneMatch(k -> k instanceof SQLNullConstraint);
    }

    /** Whether a column, as the server's {@code SHOW CREATE TABLE} writes it, allows NULL. */
    private static boolean allowsNull(SQLColumnDefinition column) {
        return column.getConstraints().stream().noneMatch(k -> k instanceof SQLNotNullConstraint
                || k instanceof SQLColumnPrimaryKey);
    }

    /**
     * Whether the column is generated, as MySQL writes it ({@code GENERATED ALWAYS AS (...)}) or in short
     * ({@code AS (...) STORED}, which Druid reads as another property): a column made generated had an inverse
     * recorded that put its type back and not its values (a helper's finding).
     */
    public static boolean generated(SQLColumnDefinition column) {
        return column.getGeneratedAlwaysAs() != null || column.getAsExpr() != null || column.isStored()
                || column.isVirtual();
    }

    /** Whether every value of type {@code from} converts to {@code to} unchanged. */
    static boolean widens(SQLDataType from, SQLDataType to) {
        String f = lower(from.getName());
        String t = lower(to.getName());
        boolean fromUnsigned = from instanceof SQLDataTypeImpl i && i.isUnsigned();
        boolean toUnsigned = to instanceof SQLDataTypeImpl i && i.isUnsigned();
        List<String> fa = arguments(from);
        List<String> ta = arguments(to);
        if (INTEGERS.contains(f) && INTEGERS.contains(t)) {
            // the display width does not change values
            return fromUnsigned == toUnsigned && rank(INTEGERS, t) >= rank(INTEGERS, f);
        }
        if (fromUnsigned != toUnsigned) {
            return false;
        }
        if (f.equals(t) && fa.equals(ta)) {
            return true;
        }
        if ((f.equals("decimal") || f.equals("numeric")) && (t.equals("decimal") || t.equals("numeric"))) {
            long fp = number(fa, 0, 10);
            long fs = number(fa, 1, 0);
            long tp = number(ta, 0, 10);
            long ts = number(ta, 1, 0);
            return ts >= fs && tp - ts >= fp - fs;
        }
        if ((f.equals("varchar") || f.equals("char")) && f.equals(t)) {
            // not CHAR to VARCHAR: its inverse back to CHAR strips the trailing spaces of values written since,
            // silently, where a narrowing that cuts fails in strict mode
            return number(ta, 0, 1) >= number(fa, 0, 1);
        }
        if (f.equals("varbinary") && t.equals("varbinary")) {
            return number(ta, 0, 1) >= number(fa, 0, 1);
        }
        if (TEXTS.contains(f) && TEXTS.contains(t) && fa.isEmpty() && ta.isEmpty()) {
            return TEXTS.indexOf(t) >= TEXTS.indexOf(f);
        }
        if (BLOBS.contains(f) && BLOBS.contains(t) && fa.isEmpty() && ta.isEmpty()) {
            return BLOBS.indexOf(t) >= BLOBS.indexOf(f);
        }
        if (TEMPORALS.contains(f) && f.equals(t)) {
            return number(ta, 0, 0) >= number(fa, 0, 0);
        }
        if ((f.equals("enum") || f.equals("set")) && f.equals(t)) {
            // values appended at the end keep the stored index of every existing value
            return ta.size() >= fa.size() && ta.subList(0, fa.size()).equals(fa);
        }
        return false;
    }

    /** The collation the column has now. */
    private static String collation(Connection c, String[] table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COLLATION_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            ps.setString(1, table[0]);
            ps.setString(2, table[1]);
            ps.setString(3, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    /** The collation a new column definition gets: its own, its character set's default, or the table's. */
    private static String collation(Connection c, String[] table, SQLColumnDefinition column) throws SQLException {
        String collate = column.getDataType() instanceof SQLCharacterDataType ch && ch.getCollate() != null
                ? ch.getCollate() : text(column.getCollateExpr());
        if (collate != null) {
            return collate;
        }
        String charset = column.getDataType() instanceof SQLCharacterDataType ch && ch.getCharSetName() != null
                ? ch.getCharSetName() : text(column.getCharsetExpr());
        String query = charset != null
                ? "SELECT DEFAULT_COLLATE_NAME FROM information_schema.CHARACTER_SETS WHERE CHARACTER_SET_NAME = ?"
                : "SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement ps = c.prepareStatement(query)) {
            if (charset != null) {
                ps.setString(1, charset);
            } else {
                ps.setString(1, table[0]);
                ps.setString(2, table[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "?";
            }
        }
    }

    private static String text(SQLExpr expr) {
        return expr == null ? null : SQLUtils.normalize(expr.toString());
    }

    private static List<String> arguments(SQLDataType type) {
        return type.getArguments().stream().map(a -> SQLUtils.toMySqlString(a).toLowerCase(Locale.ROOT)).toList();
    }

    private static long number(List<String> arguments, int index, long otherwise) {
        try {
            return arguments.size() > index ? Long.parseLong(arguments.get(index).trim()) : otherwise;
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int rank(List<String> family, String type) {
        return type.equals("integer") ? family.indexOf("int") : family.indexOf(type);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    static String name(SQLName name) {
        return SQLUtils.normalize(name.getSimpleName());
    }

    static String[] table(SQLExprTableSource ts, String database) {
        return new String[] {ts.getSchema() == null ? database : SQLUtils.normalize(ts.getSchema()),
                SQLUtils.normalize(ts.getTableName())};
    }

    static String[] table(SQLName name, String database) {
        return table(new SQLExprTableSource(name), database);
    }

    static String qualified(String[] table) {
        return DmlChange.quote(table[0]) + "." + DmlChange.quote(table[1]);
    }

    static boolean exists(Connection c, String view, String[] table, String column, String value)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM information_schema." + view
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?" + (column == null ? "" : " AND " + column + " = ?"))) {
            ps.setString(1, table[0]);
            ps.setString(2, table[1]);
            if (column != null) {
                ps.setString(3, value);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
