package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlSelectQueryBlock;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import io.tollgate.integrations.mysql.MysqlColumnAccess;
import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlIdentifiers;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import io.tollgate.integrations.mysql.PerTable;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import io.tollgate.integrations.mysql.execution.WhereClause;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.HashSet;
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
public final class DmlChange {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DmlChange.class);

    /** The statement's effect: rows affected and the rollback SQL (empty when nothing changed). */
    record Applied(long affectedRows, String rollbackSql) {
    }

    /** Statements whose rollback cannot be built safely; they are refused before they run. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * @param allColumns the columns an INSERT without a column list fills, in order: all but the INVISIBLE ones (a
     *                   key read from the VALUES at an invisible column's place named a row the INSERT never wrote,
     *                   and the rollback deleted it)
     * @param types    the upper-case data type of each writable column ({@code FLOAT}, {@code TIMESTAMP}, ...)
     * @param charsets the character set of each writable column, null for a column that holds no text
     * @param hiddenColumns the account may not read some columns (column privileges only): information_schema
     *                      lists only those it may, so the images would miss the others
     */
    private record Table(String schema, String name, List<String> primaryKey, List<String> writable,
                         List<String> allColumns, boolean autoIncrementKey, List<String> types,
                         List<String> charsets, boolean hiddenColumns, String engine) {
        String qualified() {
            return quote(schema) + "." + quote(name);
        }

        /**
         * The writable columns as the images read them: a FLOAT as DOUBLE (exact), a TIMESTAMP as its UTC value
         * computed from the stored instant, whatever the session's time zone (and zero dates kept as they are), text
         * in a character set other than UTF-8 as its bytes ({@link TextLiterals}).
         */
        String imageColumns() {
            List<String> expressions = new ArrayList<>();
            for (int i = 0; i < writable.size(); i++) {
                expressions.add(image(i));
            }
            return String.join(", ", expressions);
        }

        /** The primary key's columns as the images read them: the same literals name the same rows. */
        String keyImageColumns() {
            return String.join(", ", primaryKey.stream().map(k -> image(writable.indexOf(k))).toList());
        }

        private String image(int i) {
            String column = quote(writable.get(i));
            if (TextLiterals.readAsBytes(charsets.get(i))) {
                return "CAST(" + column + " AS BINARY)";
            }
            return switch (types.get(i)) {
                case "FLOAT" -> "CAST(" + column + " AS DOUBLE)";
                case "TIMESTAMP" -> "IF(UNIX_TIMESTAMP(" + column + ") = 0, " + column
                        + ", DATE_ADD('1970-01-01 00:00:00', INTERVAL ROUND(UNIX_TIMESTAMP(" + column
                        + ") * 1000000) MICROSECOND))";
                default -> column;
            };
        }

        /** The writable columns' positions, as {@link #imageColumns()} reads them. */
        List<Integer> allPositions() {
            return java.util.stream.IntStream.range(0, writable.size()).boxed().toList();
        }

        /** The key columns' positions among the writable ones, as {@link #keyImageColumns()} reads them. */
        List<Integer> keyPositions() {
            return primaryKey.stream().map(writable::indexOf).toList();
        }

        /** A TIMESTAMP literal is UTC: the rollback runs it in a session at UTC. */
        String sessionLine() {
            return types.contains("TIMESTAMP") ? UTC_SESSION + "\n" : "";
        }

        /**
         * The conflict guard for one column: true only while it holds exactly {@code literal}. Text compares
         * byte for byte in the column's character set (a case-insensitive collation would take 'BOB' for 'bob', and
         * any PAD SPACE one, {@code _bin} too, 'x ' for 'x'), MySQL's JSON as JSON; numbers are literals of their own
         * and compare exactly.
         */
        String guard(int column, String literal) {
            String name = quote(writable.get(column));
            String charset = charsets.get(column);
            if ("NULL".equals(literal)) {
                return name + " <=> NULL";
            }
            if ("JSON".equals(types.get(column))) {
                return name + " <=> CAST(" + literal + " AS JSON)";
            }
            if (charset != null && !"binary".equalsIgnoreCase(charset)) {
                // as bytes: a _bin collation pads with spaces, and took a later 'x ' for the 'x' the ticket left
                return name + " <=> CAST(CONVERT(" + literal + " USING " + charset + ") AS BINARY)";
            }
            return name + " <=> " + literal;
        }

        /**
         * Guards on the key's text columns, byte for byte: the key condition compares in the column's collation, where
         * a key changed since only in case or trailing spaces still names the row (a helper's finding: the DELETE
         * that undoes an INSERT deleted the row under its newer key). Other keys compare exactly and get none.
         */
        String keyGuards(List<String> key) {
            StringBuilder guards = new StringBuilder();
            for (int k = 0; k < primaryKey.size(); k++) {
                int column = writable.indexOf(primaryKey.get(k));
                String charset = charsets.get(column);
                if (charset != null && !"binary".equalsIgnoreCase(charset) && !"NULL".equals(key.get(k))) {
                    guards.append(" AND ").append(guard(column, key.get(k)));
                }
            }
            return guards.toString();
        }

        String keyColumns() {
            return String.join(", ", primaryKey.stream().map(DmlChange::quote).toList());
        }

        List<String> keyOf(List<String> image) {
            return primaryKey.stream().map(k -> image.get(writable.indexOf(k))).toList();
        }

        String keyCondition(List<String> key) {
            StringBuilder where = new StringBuilder();
            for (int k = 0; k < key.size(); k++) {
                where.append(k == 0 ? "" : " AND ").append(quote(primaryKey.get(k))).append(" = ").append(key.get(k));
            }
            return where.toString();
        }

        /** What {@link StatementSupport} judges: a table without columns does not exist. */
        StatementSupport.TableKeys keys() {
            return allColumns.isEmpty() ? StatementSupport.TableKeys.MISSING
                    : StatementSupport.TableKeys.of(allColumns, primaryKey, autoIncrementKey);
        }
    }

    /**
     * Table metadata read during one transaction of a run: forgotten when it commits or rolls back (its reads held
     * the tables' metadata locks until then) and after any DDL. {@link #apply} reads a table's columns (the last read
     * takes its metadata lock) before its triggers and foreign keys, so a trigger cannot be added in between.
     */
    static final class Tables {
        private final Map<String, Table> byName = new HashMap<>();
        private final PerTable<MysqlForeignKeys.Reference> references = MysqlForeignKeys.perTable();
        private final PerTable<MysqlTriggers.Trigger> triggers = MysqlTriggers.perTable();
        private MysqlRoutines.Known routines = new MysqlRoutines.Known();

        void forget() {
            byName.clear();
            references.forget();
            triggers.forget();
            routines = new MysqlRoutines.Known();
        }
    }

    /** The first line of a rollback that holds TIMESTAMP values, which are written in UTC. */
    static final String UTC_SESSION = "SET time_zone = '+00:00';";

    private static final Set<String> BINARY_TYPES = Set.of("BIT", "BINARY", "VARBINARY", "TINYBLOB", "BLOB",
            "MEDIUMBLOB", "LONGBLOB", "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT",
            "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION", "GEOMCOLLECTION");
    /** Types written back as numbers; YEAR too, since the string '0' is the year 2000 and the number 0 is 0000. */
    private static final Set<String> EXACT_NUMBER_TYPES = Set.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT",
            "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "YEAR");
    private static final java.util.regex.Pattern EXACT_NUMBER = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final java.util.regex.Pattern POSITIVE_INTEGER = java.util.regex.Pattern.compile("[1-9]\\d*");

    private DmlChange() {
    }

    static boolean isDml(SQLStatement ast) {
        return ast instanceof SQLUpdateStatement || ast instanceof SQLDeleteStatement || ast instanceof SQLInsertStatement;
    }

    /** Checks, before anything runs, that the statement alone allows its rollback to be built ({@link StatementSupport}). */
    static void check(SQLStatement ast) throws Unsupported {
        refuseIf(StatementSupport.refusal(ast));
    }

    /** Why a statement on a table of an engine that cannot undo a statement (MyISAM, say) is refused. */
    static String nonTransactional(String table, String engine) {
        return "the table " + table + " is stored by " + engine + ", which cannot undo a statement: one that failed half"
                + " way would stay half done, a retry would run it again, and a rollback's trial run would change it;"
                + " Tollgate changes rows of transactional tables only (InnoDB)";
    }

    private static void refuseIf(Optional<StatementSupport.Refusal> refusal) throws Unsupported {
        if (refusal.isPresent()) {
            throw new Unsupported(refusal.get().message());
        }
    }

    /**
     * Runs one INSERT, UPDATE or DELETE with its before-images and returns its rollback SQL.
     *
     * @param maxRows the most rows an UPDATE or DELETE may change: its images are held in memory, so one that would
     *                change more is refused before it runs
     */
    static Applied apply(Connection c, Tables tables, String database, SQLStatement ast, String sql, long maxRows)
            throws SQLException, Unsupported {
        check(ast);
        Table t = table(c, tables, database, StatementSupport.writtenTable(ast));
        // the table's existence and keys, read from the target, judged as the review judges them
        refuseIf(StatementSupport.refusal(ast, database, (schema, name) -> t.keys()));
        if (t.hiddenColumns()) {
            throw new Unsupported(MysqlColumnAccess.refusal(t.schema(), t.name()));
        }
        if (t.engine() != null) {
            throw new Unsupported(nonTransactional(t.qualified(), t.engine()));
        }
        Optional<String> generatedKey = t.primaryKey().stream().filter(k -> !t.writable().contains(k)).findFirst();
        if (generatedKey.isPresent()) {
            // MySQL: a key on a stored generated column; the images hold the columns a rollback can write
            throw new Unsupported("the primary key column " + quote(generatedKey.get()) + " of " + t.qualified()
                    + " is generated: a rollback cannot write it, so its rows cannot be restored exactly");
        }
        List<MysqlRoutines.Call> calls = StatementSupport.calls(ast);
        if (!calls.isEmpty()) {
            Optional<String> stored = tables.routines.firstStored(c, database, calls);
            if (stored.isPresent()) {
                throw new Unsupported("the statement calls the stored function " + stored.get() + "(): what it reads"
                        + " and writes is beyond the before-images, so its rollback could not be exact; compute the"
                        + " value first and write it as a literal");
            }
        }
        List<MysqlTriggers.Trigger> triggers = tables.triggers.of(c, t.schema(), t.name());
        if (ast instanceof SQLInsertStatement i) {
            refuseIfTriggered("INSERT", triggers, MysqlTriggers.Event.INSERT);
            return insert(c, t, triggers, i, sql);
        }
        boolean fixClock = StatementSupport.readsClock(ast);
        if (fixClock) {
            // NOW() and its kin at one instant for the before-images' read and the statement: the same rows
            execute(c, "SET timestamp = UNIX_TIMESTAMP(NOW(6))");
        }
        try {
            return ast instanceof SQLUpdateStatement u
                    ? update(c, t, tables.references.of(c, t.schema(), t.name()), triggers, u, sql, maxRows)
                    : delete(c, t, tables.references.of(c, t.schema(), t.name()), triggers, (SQLDeleteStatement) ast,
                    sql, maxRows);
        } finally {
            if (fixClock) {
                resetClock(c);
            }
        }
    }

    /** Puts the session's clock back; a failure here must not hide the statement's own. */
    private static void resetClock(Connection c) {
        try {
            execute(c, "SET timestamp = DEFAULT");
        } catch (SQLException e) {
            // the connection is most likely gone, and the run with it; a new session starts at the server's clock
            LOG.warn("could not put the session's clock back: {}", e.getMessage());
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Applied update(Connection c, Table t, List<MysqlForeignKeys.Reference> references,
                                  List<MysqlTriggers.Trigger> triggers, SQLUpdateStatement u, String sql, long maxRows)
            throws SQLException, Unsupported {
        SQLExprTableSource source = (SQLExprTableSource) u.getTableSource();
        WhereClause where = asWritten(u.getWhere(), sql);
        // read in the order the server changes the rows: undone in the reverse, a unique column's shift comes back
        String order = WhereClause.orderBy(sql).map(o -> " " + o).orElse("");
        List<List<String>> before = beforeImages(c, t, source, where, order, maxRows, "UPDATE");
        if (!before.isEmpty()) {
            refuseIfTriggered("UPDATE", triggers, MysqlTriggers.Event.UPDATE);
        }
        if (!before.isEmpty() && !references.isEmpty()) {
            List<String> changed = u.getItems().stream()
                    .map(item -> StatementSupport.unqualified(SQLUtils.normalize(item.getColumn().toString()))).toList();
            refuseIfReferenced("UPDATE", MysqlForeignKeys.changedThrough(c, references,
                    MysqlForeignKeys.Change.UPDATE, changed, fromWhere(source, where, false)));
        }
        long affected;
        try (Statement s = c.createStatement()) {
            affected = s.executeLargeUpdate(sql);
        }
        matches(before, affected);
        Map<List<String>, List<String>> after = imagesByKey(c, t, before.stream().map(t::keyOf).toList());
        StringBuilder rollback = new StringBuilder(t.sessionLine());
        for (int r = before.size() - 1; r >= 0; r--) {
            List<String> row = before.get(r);
            List<String> key = t.keyOf(row);
            List<String> now = after.get(key);
            if (now == null) {
                throw new Unsupported("a row the UPDATE changed cannot be read back by its key " + key
                        + "; rolled back because its rollback would not be exact");
            }
            // only what this statement changed (its SET columns, ON UPDATE columns, trigger writes to the row),
            // and only if it still holds the value this statement left (else a rollback would destroy a newer change)
            StringBuilder set = new StringBuilder();
            StringBuilder guard = new StringBuilder();
            for (int i = 0; i < t.writable().size(); i++) {
                if (!row.get(i).equals(now.get(i))) {
                    String column = quote(t.writable().get(i));
                    set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(row.get(i));
                    guard.append(" AND ").append(t.guard(i, now.get(i)));
                }
            }
            if (!set.isEmpty()) {
                rollback.append("UPDATE ").append(t.qualified()).append(" SET ").append(set)
                        .append(" WHERE ").append(t.keyCondition(key)).append(t.keyGuards(key)).append(guard)
                        .append(";\n");
            }
        }
        return new Applied(affected, rollback.toString().equals(t.sessionLine()) ? "" : rollback.toString());
    }

    private static Applied delete(Connection c, Table t, List<MysqlForeignKeys.Reference> references,
                                  List<MysqlTriggers.Trigger> triggers, SQLDeleteStatement d, String sql, long maxRows)
            throws SQLException, Unsupported {
        SQLExprTableSource source = (SQLExprTableSource) d.getTableSource();
        WhereClause where = asWritten(d.getWhere(), sql);
        // in the order the server deletes the rows: put back in the reverse, a parent comes back before its children
        String order = WhereClause.orderBy(sql).map(o -> " " + o).orElse("");
        List<List<String>> before = beforeImages(c, t, source, where, order, maxRows, "DELETE");
        if (!before.isEmpty()) {
            refuseIfTriggered("DELETE", triggers, MysqlTriggers.Event.DELETE);
        }
        if (!before.isEmpty() && !references.isEmpty()) {
            refuseIfReferenced("DELETE", MysqlForeignKeys.changedThrough(c, references,
                    MysqlForeignKeys.Change.DELETE, List.of(), fromWhere(source, where, false)));
        }
        long affected;
        try (Statement s = c.createStatement()) {
            affected = s.executeLargeUpdate(sql);
        }
        matches(before, affected);
        String columns = String.join(", ", t.writable().stream().map(DmlChange::quote).toList());
        StringBuilder rollback = new StringBuilder(before.isEmpty() ? "" : t.sessionLine());
        for (int r = before.size() - 1; r >= 0; r--) {
            List<String> row = before.get(r);
            // a plain INSERT: if a row with the key came back since, it fails instead of overwriting that row
            rollback.append("INSERT INTO ").append(t.qualified()).append(" (").append(columns).append(") VALUES (")
                    .append(String.join(", ", row)).append(");\n");
        }
        return new Applied(affected, rollback.toString());
    }

    private static Applied insert(Connection c, Table t, List<MysqlTriggers.Trigger> triggers, SQLInsertStatement i,
                                  String sql) throws SQLException, Unsupported {
        List<Integer> keyPositions = StatementSupport.keyPositions(i, t.allColumns(), t.primaryKey());
        List<List<String>> keys = new ArrayList<>();
        long affected;
        if (!keyPositions.contains(-1)) {
            List<List<String>> givenKeys = new ArrayList<>();
            for (SQLInsertStatement.ValuesClause values : i.getValuesList()) {
                List<String> given = new ArrayList<>();
                for (Integer position : keyPositions) {
                    given.add(SQLUtils.toMySqlString(values.getValues().get(position)));
                }
                givenKeys.add(given);
            }
            refuseIfKeysCanMove(c, t, triggers, givenKeys);
            try (Statement s = c.createStatement()) {
                affected = s.executeLargeUpdate(sql);
            }
            for (List<String> given : givenKeys) {
                List<List<String>> found = rows(c, "SELECT " + t.keyImageColumns() + " FROM " + t.qualified()
                        + " WHERE " + t.keyCondition(given), t, t.keyPositions());
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
                        String key = generated.getString(1);
                        keys.add(List.of(key != null && EXACT_NUMBER.matcher(key).matches() ? key : text(key)));
                    }
                }
            }
            if (keys.size() != affected) {
                throw new Unsupported("the driver reported " + keys.size() + " generated keys for " + affected + " rows");
            }
        }
        Map<List<String>, List<String>> inserted = imagesByKey(c, t, keys);
        StringBuilder rollback = new StringBuilder(keys.isEmpty() ? "" : t.sessionLine());
        for (List<String> key : keys) {
            List<String> row = inserted.get(key);
            if (row == null) {
                throw new Unsupported("an inserted row cannot be read back by its key " + key
                        + "; rolled back because its rollback would not be exact");
            }
            // deletes the row only while it is as this statement inserted it
            StringBuilder guard = new StringBuilder();
            for (int k = 0; k < t.writable().size(); k++) {
                if (!t.primaryKey().contains(t.writable().get(k))) {
                    guard.append(" AND ").append(t.guard(k, row.get(k)));
                }
            }
            rollback.append("DELETE FROM ").append(t.qualified()).append(" WHERE ").append(t.keyCondition(key))
                    .append(t.keyGuards(key)).append(guard).append(";\n");
        }
        return new Applied(affected, rollback.toString());
    }

    /**
     * The inserted rows are read back by the keys the INSERT gave; where a row with such a key was there before, it
     * would be taken for the inserted one, and the rollback would delete it. A plain table refuses such an INSERT
     * (a duplicate key), but two can store the new row under another key: a BEFORE INSERT trigger
     * ({@code SET NEW.id = ...}), and an auto-increment key, for which the server generates a key when given 0
     * (unless the session has {@code NO_AUTO_VALUE_ON_ZERO}; a table restored from a dump often holds a row 0). On
     * such tables the given keys must not exist before the INSERT. Not asked for other tables, nor where an
     * auto-increment key is given positive whole numbers only (the big INSERT scripts pay nothing).
     */
    private static void refuseIfKeysCanMove(Connection c, Table t, List<MysqlTriggers.Trigger> triggers,
                                            List<List<String>> givenKeys) throws SQLException, Unsupported {
        MysqlTriggers.Trigger before = triggers.stream().filter(trigger -> trigger.event() == MysqlTriggers.Event.INSERT
                && "BEFORE".equalsIgnoreCase(trigger.timing())).findFirst().orElse(null);
        if (before == null && (!t.autoIncrementKey() || givenKeys.stream().flatMap(List::stream)
                .allMatch(value -> POSITIVE_INTEGER.matcher(value).matches()))) {
            return; // a positive whole number is stored as given, or the INSERT fails on the duplicate
        }
        StringBuilder anyOf = new StringBuilder();
        for (List<String> given : givenKeys) {
            anyOf.append(anyOf.isEmpty() ? "" : " OR ").append('(').append(t.keyCondition(given)).append(')');
        }
        List<List<String>> there = rows(c, "SELECT " + t.keyImageColumns() + " FROM " + t.qualified() + " WHERE "
                + anyOf + " FOR UPDATE", t, t.keyPositions());
        if (!there.isEmpty()) {
            throw new Unsupported("the INSERT gives the key " + there.get(0) + " of a row that is already there, and "
                    + (before != null ? "trigger " + quote(before.name()) + " (BEFORE INSERT) may give the new row"
                    + " another key" : "the server may store the new row under another key of the auto-increment"
                    + " key (it generates one for 0)") + ": its rollback could not tell the two rows apart");
        }
    }

    /**
     * The before-images come from the statement's WHERE as written, read just before the statement runs; if they
     * still disagree on the rows (the driver reports matched rows for UPDATE), rollback would be wrong, so refuse.
     */
    private static void matches(List<List<String>> before, long affected) throws Unsupported {
        if (before.size() != affected) {
            throw new Unsupported("captured " + before.size() + " before-images but the statement changed " + affected
                    + " rows; rolled back because its rollback would not be exact");
        }
    }

    /**
     * The rows the statement names, locked; at most {@code maxRows} (one more is read to tell): a statement that
     * would change more is refused, and its transaction's locks go with the caller's rollback.
     */
    private static List<List<String>> beforeImages(Connection c, Table t, SQLExprTableSource source, WhereClause where,
                                                   String order, long maxRows, String statement)
            throws SQLException, Unsupported {
        List<List<String>> rows = rows(c, "SELECT " + t.imageColumns() + " " + fromWhere(source, where, true) + order
                + " LIMIT " + (maxRows + 1) + " FOR UPDATE", t, t.allPositions());
        if (rows.size() > maxRows) {
            throw new Unsupported("the " + statement + " changes more than " + maxRows + " rows, the most one statement"
                    + " may change (tollgate.tickets.max-rows-per-statement): their before-images are held while it"
                    + " runs; split it into statements over key ranges, each within the limit");
        }
        return rows;
    }

    /**
     * The statement's WHERE as its author wrote it (ADR 0048), checked against the parser's reading: the same clause
     * and as many query blocks in it, or the statement is refused before anything is read.
     */
    private static WhereClause asWritten(SQLExpr parsed, String sql) throws Unsupported {
        WhereClause where = WhereClause.of(sql).orElse(null);
        if ((where == null) != (parsed == null) || where != null && where.subqueries() != queryBlocks(parsed)) {
            throw new Unsupported("the WHERE clause cannot be told apart from the rest of the statement as the server"
                    + " reads it; write it plainly, without ORDER BY, LIMIT or RETURNING around it");
        }
        return where;
    }

    private static int queryBlocks(SQLExpr where) {
        int[] blocks = {0};
        where.accept(new MySqlASTVisitorAdapter() {
            @Override
            public boolean visit(MySqlSelectQueryBlock x) {
                blocks[0]++;
                return true;
            }
        });
        return blocks[0];
    }

    /**
     * The rows the statement names: its table and WHERE clause as written; {@code locked}: with every query block
     * inside it read under LOCK IN SHARE MODE, so the rows its subqueries read cannot change before the statement runs
     * and the statement picks the rows the before-images name (ADR 0040); a row added there in between makes the
     * counts differ, and the statement is refused.
     */
    private static String fromWhere(SQLExprTableSource source, WhereClause where, boolean locked) {
        return "FROM " + SQLUtils.toMySqlString(source)
                + (where == null ? "" : " WHERE " + (locked ? where.withSubqueriesLocked() : where.asWritten()));
    }

    /**
     * Rows the server would change through a foreign key (ON DELETE CASCADE, SET NULL...) get no before-image: the
     * statement is refused before it runs, and the caller rolls back its transaction.
     */
    private static void refuseIfReferenced(String statement, Optional<String> consequence) throws Unsupported {
        if (consequence.isPresent()) {
            throw new Unsupported("the " + statement + " " + consequence.get() + "; those rows would get no"
                    + " before-image, so its rollback would not be exact: " + (consequence.get().startsWith(
                    MysqlForeignKeys.UNSEEN) ? "Tollgate cannot check them, so it refuses the statement until the"
                    + " account is granted what it lacks" : "change or delete them first, earlier in the ticket"));
        }
    }

    /**
     * Rows a trigger changes in other tables get no before-image either (ADR 0039): a statement that fires such a
     * trigger (for an UPDATE or DELETE: that changes any row) is refused before it runs.
     */
    private static void refuseIfTriggered(String statement, List<MysqlTriggers.Trigger> triggers,
                                          MysqlTriggers.Event event) throws Unsupported {
        Optional<MysqlTriggers.Trigger> trigger = MysqlTriggers.changingOtherRows(triggers, event);
        if (trigger.isPresent()) {
            throw new Unsupported("the " + statement + " fires " + trigger.get().describe() + "; those rows would"
                    + " get no before-image, so its rollback would not be exact: drop or change the trigger first, or"
                    + " have a DBA run the statement outside Tollgate");
        }
    }

    /** The rows with these keys as they are now (in this transaction), keyed by their key literals. */
    private static Map<List<String>, List<String>> imagesByKey(Connection c, Table t, List<List<String>> keys)
            throws SQLException {
        Map<List<String>, List<String>> images = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_READ) {
            List<List<String>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_READ));
            StringBuilder in = new StringBuilder();
            for (List<String> key : chunk) {
                in.append(in.isEmpty() ? "" : ", ").append('(').append(String.join(", ", key)).append(')');
            }
            String keyColumns = "(" + t.keyColumns() + ")";
            for (List<String> row : rows(c, "SELECT " + t.imageColumns() + " FROM " + t.qualified() + " WHERE "
                    + keyColumns + " IN (" + in + ")", t, t.allPositions())) {
                images.put(t.keyOf(row), row);
            }
        }
        return images;
    }

    private static final int KEYS_PER_READ = 500;

    /**
     * Rows as SQL literals that reproduce the stored values exactly, by column type: binary strings, BIT and
     * spatial values as hex, FLOAT and DOUBLE as the shortest decimal that reads back as the same double (FLOAT
     * read as DOUBLE, since the server prints a FLOAT with six digits), TIMESTAMP in UTC (see
     * {@link Table#imageColumns()}), text in a character set other than UTF-8 from its bytes ({@link TextLiterals}),
     * everything else as the server's text. {@code positions}: the writable column each selected one is.
     */
    private static List<List<String>> rows(Connection c, String select, Table t, List<Integer> positions)
            throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    int column = positions.get(i - 1);
                    row.add(literal(rs, i, t.types().get(column), t.charsets().get(column)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String literal(ResultSet rs, int i, String type, String charset) throws SQLException {
        if (TextLiterals.readAsBytes(charset)) {
            return TextLiterals.of(rs.getBytes(i), charset);
        }
        if ("BIT".equals(type)) {
            // 0x.. is a number wherever it appears (X'..' is a string to MariaDB, even against a BIT column)
            byte[] bits = rs.getBytes(i);
            return bits == null ? "NULL" : bits.length == 0 ? "0" : "0x" + HexFormat.of().formatHex(bits);
        }
        if (BINARY_TYPES.contains(type)) {
            return hex(rs.getBytes(i));
        }
        if ("FLOAT".equals(type) || "DOUBLE".equals(type)) {
            double value = rs.getDouble(i);
            return rs.wasNull() ? "NULL" : Double.toString(value);
        }
        String value = rs.getString(i);
        if (value != null && EXACT_NUMBER_TYPES.contains(type) && EXACT_NUMBER.matcher(value).matches()) {
            return value; // unquoted: compared as the exact number, not as a double
        }
        return text(value);
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

    /** The columns a statement's images read and its rollback lines name, as the table has them now. */
    static List<String> writableColumns(Connection c, String schema, String name) throws SQLException {
        return readTable(c, schema, name).writable();
    }

    /** The table's columns and keys; without columns when it does not exist (judged by {@link StatementSupport}). */
    private static Table readTable(Connection c, String schema, String name) throws SQLException {
        List<String> all = new ArrayList<>();
        List<String> writable = new ArrayList<>();
        List<String> primaryKey = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> charsets = new ArrayList<>();
        boolean autoIncrement = false;
        Set<String> rowEnd = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_KEY, EXTRA, DATA_TYPE,"
                + " CHARACTER_SET_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(1);
                    String extra = rs.getString(3) == null ? "" : rs.getString(3).toUpperCase(Locale.ROOT);
                    if (!extra.contains("INVISIBLE")) {
                        all.add(column); // what an INSERT without a column list fills, in order
                    }
                    if (!extra.contains("GENERATED")) {
                        writable.add(column);
                        types.add(rs.getString(4).toUpperCase(Locale.ROOT));
                        charsets.add(rs.getString(5));
                    }
                    if ("ROW END".equalsIgnoreCase(rs.getString(6))) {
                        rowEnd.add(column);
                    }
                    if ("PRI".equals(rs.getString(2)) && extra.contains("AUTO_INCREMENT")) {
                        autoIncrement = true;
                    }
                }
            }
        }
        if (all.isEmpty()) {
            return new Table(schema, name, List.of(), List.of(), List.of(), false, List.of(), List.of(), false, null);
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
        TableKind kind = kind(c, schema, name);
        // A system-versioned table's primary key (MariaDB) ends with its ROW END column, which information_schema
        // lists only when it was declared (row_end otherwise). Every current row holds it at its maximum, and the
        // statements, the images and the rollback see current rows only: the key without it names one row.
        if (primaryKey.stream().anyMatch(k -> "row_end".equalsIgnoreCase(k) && !all.contains(k)
                && !writable.contains(k)) && "SYSTEM VERSIONED".equalsIgnoreCase(kind.type())) {
            rowEnd.add(primaryKey.stream().filter("row_end"::equalsIgnoreCase).findFirst().orElseThrow());
        }
        primaryKey.removeAll(rowEnd);
        return new Table(schema, name, primaryKey, writable, all, autoIncrement, types, charsets,
                MysqlColumnAccess.hidesColumns(c, schema, name), kind.engineThatCannotUndo());
    }

    /** The engine of the table when it cannot undo a statement (MyISAM, say); empty for InnoDB, a view, no table. */
    static Optional<String> engineThatCannotUndo(Connection c, String schema, String name) throws SQLException {
        return Optional.ofNullable(kind(c, schema, name).engineThatCannotUndo());
    }

    /**
     * A table's type ({@code BASE TABLE}, {@code SYSTEM VERSIONED}, {@code VIEW}) and, unless its engine can undo a
     * statement (the server's {@code ENGINES.TRANSACTIONS}), that engine's name ({@code MyISAM}, say); null for both
     * where information_schema does not tell.
     */
    private record TableKind(String type, String engineThatCannotUndo) {
    }

    private static TableKind kind(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT t.TABLE_TYPE, t.ENGINE, e.TRANSACTIONS"
                + " FROM information_schema.TABLES t LEFT JOIN information_schema.ENGINES e ON e.ENGINE = t.ENGINE"
                + " WHERE t.TABLE_SCHEMA = ? AND t.TABLE_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new TableKind(null, null);
                }
                String engine = rs.getString(2);
                boolean transactional = engine == null || "YES".equalsIgnoreCase(rs.getString(3));
                return new TableKind(rs.getString(1), transactional ? null : engine);
            }
        }
    }

    /** The table's primary key columns, in key order (empty when it has none or does not exist). */
    static List<String> primaryKey(Connection c, String schema, String name) throws SQLException {
        return readTable(c, schema, name).primaryKey();
    }

    public static String quote(String identifier) {
        return MysqlIdentifiers.quote(identifier);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "NULL" : "X'" + HexFormat.of().formatHex(bytes) + "'";
    }

    static String text(String value) {
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
