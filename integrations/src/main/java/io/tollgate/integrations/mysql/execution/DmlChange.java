package io.tollgate.integrations.mysql.execution;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one DML statement inside the caller's transaction after capturing what rollback needs: the before-images
 * of the rows an UPDATE or DELETE touches (locked with FOR UPDATE, keyed by primary key), or the keys an INSERT
 * adds. The rollback SQL has one statement per line, tables fully qualified, values as literals that never
 * contain a raw line break (it is replayed with backslash escapes on).
 */
final class DmlChange {

    /** The statement's effect: rows affected and the rollback SQL (empty when nothing changed). */
    record Applied(long affectedRows, String rollbackSql) {
    }

    /** Statements whose rollback cannot be built safely; they are refused before they run. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    private record Table(String schema, String name, List<String> primaryKey, List<String> writable,
                         List<String> allColumns, boolean autoIncrementKey) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        /** What {@link StatementSupport} judges: a table without columns does not exist. */
        StatementSupport.TableKeys keys() {
            return allColumns.isEmpty() ? StatementSupport.TableKeys.MISSING
                    : StatementSupport.TableKeys.of(allColumns, primaryKey, autoIncrementKey);
        }
    }

    /** Table metadata read during one run; forget it after any DDL. */
    static final class Tables {
        private final Map<String, Table> byName = new HashMap<>();

        void forget() {
            byName.clear();
        }
    }

    private static final Set<String> BINARY_TYPES = Set.of("BIT", "BINARY", "VARBINARY", "TINYBLOB", "BLOB",
            "MEDIUMBLOB", "LONGBLOB", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION");

    private DmlChange() {
    }

    static boolean isDml(SQLStatement ast) {
        return ast instanceof SQLUpdateStatement || ast instanceof SQLDeleteStatement || ast instanceof SQLInsertStatement;
    }

    /** Checks, before anything runs, that the statement alone allows its rollback to be built ({@link StatementSupport}). */
    static void check(SQLStatement ast) throws Unsupported {
        refuseIf(StatementSupport.refusal(ast));
    }

    private static void refuseIf(Optional<StatementSupport.Refusal> refusal) throws Unsupported {
        if (refusal.isPresent()) {
            throw new Unsupported(refusal.get().message());
        }
    }

    static Applied apply(Connection c, Tables tables, String database, SQLStatement ast, String sql)
            throws SQLException, Unsupported {
        check(ast);
        Table t = table(c, tables, database, StatementSupport.writtenTable(ast));
        // the table's existence and keys, read from the target, judged as the review judges them
        refuseIf(StatementSupport.refusal(ast, database, (schema, name) -> t.keys()));
        if (ast instanceof SQLUpdateStatement u) {
            return update(c, t, u, sql);
        }
        if (ast instanceof SQLDeleteStatement d) {
            return delete(c, t, d, sql);
        }
        return insert(c, t, (SQLInsertStatement) ast, sql);
    }

    private static Applied update(Connection c, Table t, SQLUpdateStatement u, String sql)
            throws SQLException, Unsupported {
        SQLExprTableSource source = (SQLExprTableSource) u.getTableSource();
        List<List<String>> before = beforeImages(c, t, source, u.getWhere());
        long affected;
        try (Statement s = c.createStatement()) {
            affected = s.executeLargeUpdate(sql);
        }
        matches(before, affected);
        StringBuilder rollback = new StringBuilder();
        for (List<String> row : before) {
            StringBuilder set = new StringBuilder();
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < t.writable().size(); i++) {
                String column = t.writable().get(i);
                if (t.primaryKey().contains(column)) {
                    where.append(where.isEmpty() ? "" : " AND ").append(quote(column)).append(" = ").append(row.get(i));
                } else {
                    set.append(set.isEmpty() ? "" : ", ").append(quote(column)).append(" = ").append(row.get(i));
                }
            }
            if (!set.isEmpty()) {
                rollback.append("UPDATE ").append(t.qualified()).append(" SET ").append(set)
                        .append(" WHERE ").append(where).append(";\n");
            }
        }
        return new Applied(affected, rollback.toString());
    }

    private static Applied delete(Connection c, Table t, SQLDeleteStatement d, String sql)
            throws SQLException, Unsupported {
        SQLExprTableSource source = (SQLExprTableSource) d.getTableSource();
        List<List<String>> before = beforeImages(c, t, source, d.getWhere());
        long affected;
        try (Statement s = c.createStatement()) {
            affected = s.executeLargeUpdate(sql);
        }
        matches(before, affected);
        String columns = String.join(", ", t.writable().stream().map(DmlChange::quote).toList());
        StringBuilder rollback = new StringBuilder();
        for (List<String> row : before) {
            rollback.append("INSERT INTO ").append(t.qualified()).append(" (").append(columns).append(") VALUES (")
                    .append(String.join(", ", row)).append(");\n");
        }
        return new Applied(affected, rollback.toString());
    }

    private static Applied insert(Connection c, Table t, SQLInsertStatement i, String sql)
            throws SQLException, Unsupported {
        List<Integer> keyPositions = StatementSupport.keyPositions(i, t.allColumns(), t.primaryKey());
        List<List<String>> keys = new ArrayList<>();
        long affected;
        if (!keyPositions.contains(-1)) {
            try (Statement s = c.createStatement()) {
                affected = s.executeLargeUpdate(sql);
            }
            for (SQLInsertStatement.ValuesClause values : i.getValuesList()) {
                StringBuilder select = new StringBuilder("SELECT ")
                        .append(String.join(", ", t.primaryKey().stream().map(DmlChange::quote).toList()))
                        .append(" FROM ").append(t.qualified()).append(" WHERE ");
                for (int k = 0; k < keyPositions.size(); k++) {
                    select.append(k == 0 ? "" : " AND ").append(quote(t.primaryKey().get(k))).append(" = ")
                            .append(SQLUtils.toMySqlString(values.getValues().get(keyPositions.get(k))));
                }
                List<List<String>> found = rows(c, select.toString());
                if (found.size() != 1) {
                    throw new Unsupported("cannot tell the key of an inserted row from its VALUES (found "
                            + found.size() + " rows); use literal primary key values");
                }
                keys.add(found.get(0));
            }
        } else {
            // StatementSupport refused the rest: the table has a single auto-increment primary key
            try (Statement s = c.createStatement()) {
                affected = s.executeLargeUpdate(sql, Statement.RETURN_GENERATED_KEYS);
                try (ResultSet generated = s.getGeneratedKeys()) {
                    while (generated.next()) {
                        keys.add(List.of(generated.getString(1)));
                    }
                }
            }
            if (keys.size() != affected) {
                throw new Unsupported("the driver reported " + keys.size() + " generated keys for " + affected + " rows");
            }
        }
        StringBuilder rollback = new StringBuilder();
        for (List<String> key : keys) {
            StringBuilder where = new StringBuilder();
            for (int k = 0; k < key.size(); k++) {
                where.append(k == 0 ? "" : " AND ").append(quote(t.primaryKey().get(k))).append(" = ").append(key.get(k));
            }
            rollback.append("DELETE FROM ").append(t.qualified()).append(" WHERE ").append(where).append(";\n");
        }
        return new Applied(affected, rollback.toString());
    }

    /**
     * The before-images come from the parsed WHERE clause, the change from the statement as written; if they
     * disagree on the rows (the driver reports matched rows for UPDATE), rollback would be wrong, so refuse.
     */
    private static void matches(List<List<String>> before, long affected) throws Unsupported {
        if (before.size() != affected) {
            throw new Unsupported("captured " + before.size() + " before-images but the statement changed " + affected
                    + " rows; rolled back because its rollback would not be exact");
        }
    }

    private static List<List<String>> beforeImages(Connection c, Table t, SQLExprTableSource source, SQLExpr where)
            throws SQLException {
        String select = "SELECT " + String.join(", ", t.writable().stream().map(DmlChange::quote).toList())
                + " FROM " + SQLUtils.toMySqlString(source)
                + (where == null ? "" : " WHERE " + SQLUtils.toMySqlString(where)) + " FOR UPDATE";
        return rows(c, select);
    }

    /** Rows as SQL literals that reproduce the stored values exactly. */
    private static List<List<String>> rows(Connection c, String select) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>(md.getColumnCount());
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    boolean binary = BINARY_TYPES.contains(md.getColumnTypeName(i).toUpperCase(Locale.ROOT));
                    row.add(binary ? hex(rs.getBytes(i)) : text(rs.getString(i)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Table table(Connection c, Tables tables, String database, SQLExprTableSource ts)
            throws SQLException {
        String schema = ts.getSchema() == null ? database : SQLUtils.normalize(ts.getSchema());
        String name = SQLUtils.normalize(ts.getTableName());
        Table known = tables.byName.get(schema + "." + name);
        if (known != null) {
            return known;
        }
        Table read = readTable(c, schema, name);
        tables.byName.put(schema + "." + name, read);
        return read;
    }

    /** The table's columns and keys; without columns when it does not exist (judged by {@link StatementSupport}). */
    private static Table readTable(Connection c, String schema, String name) throws SQLException {
        List<String> all = new ArrayList<>();
        List<String> writable = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        boolean autoIncrement = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_KEY, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String extra = rs.getString(3) == null ? "" : rs.getString(3).toUpperCase(Locale.ROOT);
                    all.add(column);
                    if (!extra.contains("GENERATED")) {
                        writable.add(column);
                    }
                    if ("PRI".equals(rs.getString(2)) && extra.contains("AUTO_INCREMENT")) {
                        autoIncrement = true;
                    }
                }
            }
        }
        if (all.isEmpty()) {
            return new Table(schema, name, List.of(), List.of(), List.of(), false);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    primaryKey.add(rs.getString(1));
                }
            }
        }
        return new Table(schema, name, primaryKey, writable, all, autoIncrement);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "NULL" : "X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    private static String text(String value) {
        if (value == null) {
            return "NULL";
        }
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\0' -> b.append("\\0");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\u001A' -> b.append("\\Z");
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '"' -> b.append("\\\"");
                default -> b.append(ch);
            }
        }
        return b.append('\'').toString();
    }
}
