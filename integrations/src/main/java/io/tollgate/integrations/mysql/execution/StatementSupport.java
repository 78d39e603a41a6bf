package io.tollgate.integrations.mysql.execution;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLCurrentTimeExpr;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLDefaultExpr;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLLiteralExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.expr.SQLVariantRefExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDDLStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateSetItem;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlDeleteStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlUpdateStatement;
import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.dialect.mysql.visitor.MySqlASTVisitorAdapter;
import com.alibaba.druid.sql.parser.Token;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlDialect;
import io.tollgate.integrations.mysql.MysqlIdentifiers;
import io.tollgate.integrations.mysql.execution.internal.DdlInverse;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which statements the executor runs, and why it refuses the others: a statement runs only when its rollback can
 * be built exactly. The executor asks this before a statement runs (with the table read from the target); the
 * review asks it with the table as its schema view knows it, and reports the refusal as an error, so that a ticket
 * that passes review is one the executor accepts. Refusals that depend on the rows themselves (before-images that
 * do not match the rows changed, a driver reporting fewer generated keys than rows) are found only at execution.
 */
public final class StatementSupport {

    /**
     * The most bytes of rollback SQL the execution ledger records for one statement (its column, a MEDIUMTEXT): the
     * executor refuses a statement whose inverse would be larger as it runs, and the review warns of one it expects
     * to be ({@code execution.rollback-size}). The target's and Tollgate's largest packets may bound it lower.
     */
    public static final long MAX_ROLLBACK_SQL_BYTES = 16L * 1024 * 1024 - 1;

    /**
     * Whether a column MODIFY/CHANGE from {@code currentType} (the column's type as the server names it) to
     * {@code now} gets an inverse from the executor: the review calls a column change reversible by the executor's own
     * rule, which a helper found it did not (a VARCHAR made TEXT was "reversible" and had no inverse).
     */
    public static boolean keepsEveryValue(String currentType, boolean currentAutoIncrement, boolean currentNullable,
                                          com.alibaba.druid.sql.ast.statement.SQLColumnDefinition now) {
        return io.tollgate.integrations.mysql.execution.internal.DdlInverse.keepsEveryValue(currentType,
                currentAutoIncrement, currentNullable, now);
    }

    /**
     * Whether a column change puts other values where the column held NULL (a TIMESTAMP made NOT NULL gets the
     * current time, with no error even in strict mode): the executor records no inverse for it.
     */
    public static boolean replacesNulls(boolean currentNullable,
                                        com.alibaba.druid.sql.ast.statement.SQLColumnDefinition now) {
        return io.tollgate.integrations.mysql.execution.internal.DdlInverse.replacesNulls(currentNullable, now);
    }

    /** Whether a column definition makes the column generated, however it is written. */
    public static boolean generated(com.alibaba.druid.sql.ast.statement.SQLColumnDefinition column) {
        return io.tollgate.integrations.mysql.execution.internal.DdlInverse.generated(column);
    }

    /** Why a statement is refused. */
    public enum Reason {
        /** Not DML (INSERT, UPDATE, DELETE) nor DDL: SELECT, USE, SET, LOCK, transaction control, GRANT, CALL... */
        NOT_A_CHANGE,
        /** UPDATE or DELETE of several tables (joins, DELETE ... FROM/USING). */
        MULTI_TABLE,
        /** UPDATE or DELETE with LIMIT: which rows it changes is not deterministic. */
        LIMIT,
        /** REPLACE: deletes rows whose before-images are not captured. */
        REPLACE,
        /**
         * ALTER IGNORE TABLE (MariaDB): deletes the rows whose values a new unique key or primary key would duplicate,
         * and rows a narrowed column cannot hold, without before-images and without a word.
         */
        ALTER_IGNORE,
        /** INSERT ... SELECT: the keys it inserts cannot be told. */
        INSERT_SELECT,
        /** INSERT IGNORE, INSERT ... ON DUPLICATE KEY UPDATE: inserted rows cannot be told from existing ones. */
        INSERT_IGNORE_OR_UPSERT,
        /** The table a DML statement writes does not exist. */
        TABLE_MISSING,
        /** The table has no primary key: before-images cannot be restored row by row. */
        NO_PRIMARY_KEY,
        /** UPDATE sets a primary key column: the before-images are keyed by it. */
        PRIMARY_KEY_UPDATE,
        /** INSERT without the primary key into a table without a single auto-increment key: its rows cannot be found. */
        INSERT_WITHOUT_KEY,
        /** INSERT with primary key values that are not literals (NULL, DEFAULT, functions): its rows cannot be found. */
        INSERT_KEY_NOT_LITERAL,
        /**
         * UPDATE or DELETE whose WHERE changes value from one evaluation to the next (RAND(), UUID_SHORT(),
         * ROW_COUNT(), user variables...): the before-images could name other rows than it changes (ADR 0040).
         */
        UNPREDICTABLE_WHERE,
        /** A statement that takes or releases a named lock: the executor's run holds one (ADR 0040). */
        LOCK_FUNCTION,
        /** A statement that reads a file of the database server (LOAD_FILE): what a ticket writes is what it says. */
        SERVER_FILE,
        /**
         * A statement that names a schema only Tollgate writes, or a ticket that runs in one: its execution ledger (what
         * ran and how to undo it, ADR 0042) or its own database (tickets, approvals, the engine, the audit trail,
         * ADR 0049).
         */
        TOLLGATE_SCHEMA,
        /**
         * An executable comment ({@code /*!...*}{@code /}, MariaDB's {@code /*M!...*}{@code /}) or an optimizer hint
         * that sets a variable ({@code SET_VAR}): the server runs what the review reads as a comment (ADR 0046).
         */
        HIDDEN_CODE,
        /**
         * A comment whose end the server and the review's parser find in other places: {@code --} followed by a tab or
         * another control character, a line comment holding a lone carriage return or U+001A (ADR 0047).
         */
        MISREAD_COMMENT,
        /**
         * A user variable ({@code @n}) outside a WHERE: the ticket's statements share one session, where it keeps its
         * value from one statement to the next, and into a statement run again after a failure (a helper's finding: a
         * counter applied twice).
         */
        USER_VARIABLE,
        /**
         * CREATE or DROP TEMPORARY TABLE: a temporary table ends with the execution's session, so the ticket leaves
         * nothing, and an inverse would act on a table of the same name someone else made (a helper's finding).
         */
        TEMPORARY_TABLE,
        /**
         * A character that reorders how text is shown (the bidirectional embeddings, overrides and isolates, U+202A to
         * U+202E and U+2066 to U+2069): the statement shows otherwise than the server reads it, so a reviewer could
         * approve what they do not see (a helper's finding).
         */
        REORDERED_TEXT
    }

    /**
     * Functions whose value changes between evaluations, or between the before-images' read and the statement in
     * the same session. The clock's functions are not here: the executor reads the images and runs the statement at
     * one instant ({@link #readsClock}).
     */
    private static final Set<String> UNPREDICTABLE = Set.of("RAND", "UUID", "UUID_SHORT", "SYS_GUID", "ROW_COUNT",
            "FOUND_ROWS", "LAST_INSERT_ID", "NEXTVAL", "LASTVAL", "SETVAL", "SYSDATE");
    /** Functions that take or release named locks. */
    private static final Set<String> LOCKS = Set.of("GET_LOCK", "RELEASE_LOCK", "RELEASE_ALL_LOCKS");
    /** The clock's functions that {@code SET timestamp} fixes for a session. */
    private static final Set<String> CLOCK = Set.of("NOW", "CURDATE", "CURTIME", "CURRENT_DATE", "CURRENT_TIME",
            "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "UNIX_TIMESTAMP", "UTC_DATE", "UTC_TIME",
            "UTC_TIMESTAMP");

    /** A refused statement: why, and a message for people. */
    public record Refusal(Reason reason, String message) {
    }

    /**
     * What a DML statement's check needs of the table it writes, as it will be when the statement runs.
     *
     * @param columns          the columns in table order (an INSERT without a column list gives them all)
     * @param primaryKey       the primary key's columns in key order; empty when it has none
     * @param autoIncrementKey whether a primary key column is AUTO_INCREMENT
     */
    public record TableKeys(boolean exists, List<String> columns, List<String> primaryKey, boolean autoIncrementKey) {

        /** The table does not exist. */
        public static final TableKeys MISSING = new TableKeys(false, List.of(), List.of(), false);

        public TableKeys {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        public static TableKeys of(List<String> columns, List<String> primaryKey, boolean autoIncrementKey) {
            return new TableKeys(true, columns, primaryKey, autoIncrementKey);
        }
    }

    /** Where the check looks up the table a DML statement writes. */
    @FunctionalInterface
    public interface Tables {
        /**
         * The table as it will be when the statement runs: {@link TableKeys#MISSING} when it will not exist, null
         * when that cannot be told (a review without a target): then only the statement itself is judged.
         *
         * @param database the statement's qualifier, else the default database (may be null when there is none)
         */
        TableKeys find(String database, String table);
    }

    private StatementSupport() {
    }

    /** The refusal that follows from the statement alone, without its table. */
    public static Optional<Refusal> refusal(SQLStatement ast) {
        Optional<Refusal> kind = refusalOfItsKind(ast);
        if (kind.isPresent()) {
            return kind;
        }
        Calls all = Calls.in(ast);
        if (all.serverFile) {
            return refuse(Reason.SERVER_FILE, "the statement calls LOAD_FILE(): it would write a file of the database"
                    + " server into the table, which is not what reviewers read; put the data in the statement as"
                    + " literals");
        }
        if (all.lock != null) {
            return refuse(Reason.LOCK_FUNCTION, "the statement calls " + all.lock + "(): statements may not take or"
                    + " release named locks (the executor's run holds one)");
        }
        SQLExpr where = ast instanceof SQLUpdateStatement u ? u.getWhere()
                : ast instanceof SQLDeleteStatement d ? d.getWhere() : null;
        // the whole statement was read once; its WHERE again only when something unpredictable is in it at all
        Calls inWhere = where == null || all.unpredictable == null ? null : Calls.in(where);
        if (inWhere != null && inWhere.unpredictable != null) {
            return refuse(Reason.UNPREDICTABLE_WHERE, "the WHERE clause uses " + inWhere.unpredictable + ", whose value"
                    + " changes from one evaluation to the next: the rows it picks are not deterministic, so the"
                    + " before-images could name other rows than it changes");
        }
        if (all.userVariable != null) {
            return refuse(Reason.USER_VARIABLE, "the statement uses the user variable " + all.userVariable + ": a"
                    + " ticket's statements run in one session, where a variable keeps its value from one statement to"
                    + " the next and into a statement run again after a failure, so what it writes is not what it"
                    + " says; put the values in the statement as literals");
        }
        return Optional.empty();
    }

    /**
     * Whether the UPDATE's or DELETE's WHERE reads the clock (NOW(), CURRENT_TIMESTAMP...): the executor then reads
     * the before-images and runs the statement at one fixed instant, so both pick the same rows.
     */
    public static boolean readsClock(SQLStatement ast) {
        SQLExpr where = ast instanceof SQLUpdateStatement u ? u.getWhere()
                : ast instanceof SQLDeleteStatement d ? d.getWhere() : null;
        return where != null && Calls.in(where).clock;
    }

    /**
     * Every function the statement calls, built-in or not (the target tells the stored ones apart,
     * {@link MysqlRoutines}); a qualified call keeps its schema.
     */
    public static List<MysqlRoutines.Call> calls(SQLStatement ast) {
        return List.copyOf(Calls.in(ast).functions);
    }

    /** What an expression or statement calls, everywhere in it (subqueries included). */
    private static final class Calls extends MySqlASTVisitorAdapter {
        String unpredictable;
        String userVariable;
        String lock;
        boolean clock;
        boolean serverFile;
        final java.util.Set<MysqlRoutines.Call> functions = new java.util.LinkedHashSet<>();

        static Calls in(SQLObject x) {
            Calls calls = new Calls();
            x.accept(calls);
            return calls;
        }

        @Override
        public boolean visit(SQLMethodInvokeExpr x) {
            String name = x.getMethodName() == null ? "" : x.getMethodName().toUpperCase(Locale.ROOT);
            if (UNPREDICTABLE.contains(name) && unpredictable == null) {
                unpredictable = name + "()";
            }
            if (LOCKS.contains(name) && lock == null) {
                lock = name;
            }
            clock |= CLOCK.contains(name);
            serverFile |= "LOAD_FILE".equals(name);
            if (x.getMethodName() != null && (x.getOwner() == null || x.getOwner() instanceof SQLIdentifierExpr)) {
                functions.add(new MysqlRoutines.Call(x.getOwner() == null ? null
                        : SQLUtils.normalize(((SQLIdentifierExpr) x.getOwner()).getName()),
                        SQLUtils.normalize(x.getMethodName())));
            }
            return true;
        }

        @Override
        public boolean visit(SQLCurrentTimeExpr x) {
            clock = true;
            return true;
        }

        @Override
        public boolean visit(SQLVariantRefExpr x) {
            String name = x.getName();
            if (name != null && name.startsWith("@") && !name.startsWith("@@")) {
                unpredictable = unpredictable == null ? "the user variable " + name : unpredictable;
                userVariable = userVariable == null ? name : userVariable;
            }
            return true;
        }
    }

    private static Optional<Refusal> refusalOfItsKind(SQLStatement ast) {
        if (ast instanceof SQLUpdateStatement u) {
            if (!(u.getTableSource() instanceof SQLExprTableSource)) {
                return refuse(Reason.MULTI_TABLE, "multi-table UPDATE is not supported");
            }
            if (u instanceof MySqlUpdateStatement m && m.getLimit() != null) {
                return refuse(Reason.LIMIT, "UPDATE with LIMIT is not supported: the rows it picks are not deterministic");
            }
            return Optional.empty();
        }
        if (ast instanceof SQLDeleteStatement d) {
            if (!(d.getTableSource() instanceof SQLExprTableSource) || d.getFrom() != null || d.getUsing() != null) {
                return refuse(Reason.MULTI_TABLE, "multi-table DELETE is not supported");
            }
            if (d instanceof MySqlDeleteStatement m && m.getLimit() != null) {
                return refuse(Reason.LIMIT, "DELETE with LIMIT is not supported: the rows it picks are not deterministic");
            }
            return Optional.empty();
        }
        if (ast instanceof SQLInsertStatement i) {
            if (i.getQuery() != null) {
                return refuse(Reason.INSERT_SELECT, "INSERT ... SELECT is not supported: its inserted keys cannot be told");
            }
            if (i instanceof MySqlInsertStatement m && (m.isIgnore() || !m.getDuplicateKeyUpdate().isEmpty())) {
                return refuse(Reason.INSERT_IGNORE_OR_UPSERT, "INSERT IGNORE and ON DUPLICATE KEY UPDATE are not supported:"
                        + " rollback cannot tell inserted rows from existing ones");
            }
            return Optional.empty();
        }
        if (ast instanceof SQLReplaceStatement) {
            return refuse(Reason.REPLACE, "REPLACE is not supported: it deletes rows whose before-images are not captured;"
                    + " use INSERT or UPDATE");
        }
        if (ast instanceof SQLAlterTableStatement alter && alter.isIgnore()) {
            return refuse(Reason.ALTER_IGNORE, "ALTER IGNORE TABLE is not supported: it deletes the rows a new unique"
                    + " key would find duplicated (and others it cannot convert) without before-images; remove the"
                    + " duplicates in DML first, then ALTER TABLE without IGNORE");
        }
        if (ast instanceof SQLCreateTableStatement create && create.isTemporary()
                || ast instanceof SQLDropTableStatement drop && drop.isTemporary()) {
            return refuse(Reason.TEMPORARY_TABLE, "temporary tables are not supported: one lasts only as long as the"
                    + " execution's session, so the ticket would leave nothing, and its rollback would act on a table"
                    + " of the same name made since; create a table, or put the values in the statements");
        }
        if (ast instanceof SQLDDLStatement || ast instanceof SQLAlterStatement || ast instanceof SQLDropStatement
                || ast instanceof SQLTruncateStatement) {
            return Optional.empty();
        }
        return refuse(Reason.NOT_A_CHANGE, "not a change statement (" + ast.getClass().getSimpleName()
                + "); tickets run DML and DDL only");
    }

    /**
     * The refusal of the statement, judged with the table it writes as {@code tables} knows it ({@code database} is
     * the default database for unqualified names). Empty when the executor runs it.
     */
    public static Optional<Refusal> refusal(SQLStatement ast, String database, Tables tables) {
        Optional<Refusal> alone = refusal(ast);
        SQLExprTableSource source = writtenTable(ast);
        if (alone.isPresent() || source == null) {
            return alone;
        }
        String schema = source.getSchema() == null ? database : SQLUtils.normalize(source.getSchema());
        String name = SQLUtils.normalize(source.getTableName());
        TableKeys table = tables.find(schema, name);
        if (table == null) {
            return Optional.empty();
        }
        String label = schema == null ? name : schema + "." + name;
        if (!table.exists()) {
            return refuse(Reason.TABLE_MISSING, "table " + label + " does not exist");
        }
        if (table.primaryKey().isEmpty()) {
            return refuse(Reason.NO_PRIMARY_KEY, "table " + label + " has no primary key: its rows cannot be restored exactly");
        }
        if (ast instanceof SQLUpdateStatement u) {
            for (SQLUpdateSetItem item : u.getItems()) {
                String column = unqualified(SQLUtils.normalize(item.getColumn().toString()));
                if (contains(table.primaryKey(), column)) {
                    return refuse(Reason.PRIMARY_KEY_UPDATE, "UPDATE of primary key column " + column + " is not supported");
                }
            }
        } else if (ast instanceof SQLInsertStatement i) {
            return insert(i, table);
        }
        return Optional.empty();
    }

    /** The single table an UPDATE, DELETE or INSERT writes; null for other statements. */
    public static SQLExprTableSource writtenTable(SQLStatement ast) {
        if (ast instanceof SQLUpdateStatement u && u.getTableSource() instanceof SQLExprTableSource t) {
            return t;
        }
        if (ast instanceof SQLDeleteStatement d && d.getTableSource() instanceof SQLExprTableSource t) {
            return t;
        }
        if (ast instanceof SQLInsertStatement i) {
            return i.getTableSource();
        }
        return null;
    }

    /** Positions of the primary key's columns among the INSERT's columns (all the table's without a column list). */
    public static List<Integer> keyPositions(SQLInsertStatement i, List<String> tableColumns, List<String> primaryKey) {
        List<String> columns = new ArrayList<>();
        for (SQLExpr column : i.getColumns()) {
            columns.add(unqualified(SQLUtils.normalize(column.toString())).toLowerCase(Locale.ROOT));
        }
        if (columns.isEmpty()) {
            tableColumns.forEach(c -> columns.add(c.toLowerCase(Locale.ROOT)));
        }
        return primaryKey.stream().map(k -> columns.indexOf(k.toLowerCase(Locale.ROOT))).toList();
    }

    private static Optional<Refusal> insert(SQLInsertStatement i, TableKeys table) {
        List<Integer> positions = keyPositions(i, table.columns(), table.primaryKey());
        if (positions.contains(-1)) {
            if (table.primaryKey().size() == 1 && table.autoIncrementKey()) {
                return Optional.empty();
            }
            return refuse(Reason.INSERT_WITHOUT_KEY, "INSERT must give the primary key ("
                    + String.join(", ", table.primaryKey()) + ") or the table must have a single auto-increment primary key");
        }
        for (SQLInsertStatement.ValuesClause values : i.getValuesList()) {
            for (int k = 0; k < positions.size(); k++) {
                int at = positions.get(k);
                SQLExpr value = at < values.getValues().size() ? values.getValues().get(at) : null;
                if (!(value instanceof SQLLiteralExpr) || value instanceof SQLNullExpr || value instanceof SQLDefaultExpr) {
                    return refuse(Reason.INSERT_KEY_NOT_LITERAL, "INSERT must give literal primary key values, not "
                            + table.primaryKey().get(k) + " = " + value + ": rollback finds the inserted rows by them"
                            + (table.primaryKey().size() == 1 && table.autoIncrementKey()
                            ? " (leave the auto-increment column out to have it generated)" : ""));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean contains(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    /** A column name without its table or schema qualifier ({@code t.c} → {@code c}), unquoted. */
    public static String unqualified(String column) {
        int dot = column.lastIndexOf('.');
        return dot < 0 ? column : SQLUtils.normalize(column.substring(dot + 1));
    }

    /**
     * Refuses a statement the server would read otherwise than the review's parser: a comment whose end the two find
     * in other places, or code the server runs inside a comment ({@link #hiddenCode}). Judged on the text alone, before
     * parsing; the executor and the review's {@code execution.refused} rule both ask it.
     */
    public static Optional<Refusal> readOtherwise(String sql) {
        return misreadComment(sql).or(() -> hiddenCode(sql)).or(() -> shownOtherwise(sql));
    }

    /**
     * Refuses a character that reorders the text around it when shown ({@link Reason#REORDERED_TEXT}), wherever it is:
     * in a literal or a comment it reorders the rest of the line all the same. Data that needs one writes it as hex.
     */
    static Optional<Refusal> shownOtherwise(String sql) {
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069') {
                String hex = HexFormat.of().withUpperCase().formatHex(String.valueOf(c)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return refuse(Reason.REORDERED_TEXT, String.format(Locale.ROOT, "the statement holds U+%04X (%s) at %s,"
                        + " which shows the text around it in another order than the server reads it, so a reviewer"
                        + " would not see what runs: leave it out, or write it in a literal as hex (X'%s')", (int) c,
                        Character.getName(c), position(sql, i), hex));
            }
        }
        return Optional.empty();
    }

    /**
     * Refuses a comment whose end the server finds elsewhere than Druid: {@code --} followed by a control character
     * other than a line feed (a comment to the server, two minus signs to Druid), and a {@code #} or {@code -- }
     * comment holding a carriage return that is not followed by a line feed, or U+001A (where Druid ends the comment;
     * the server reads on to the line feed). Strings, quoted names and block comments are stepped over as the server
     * reads them, so what they hold is never judged (ADR 0047).
     */
    static Optional<Refusal> misreadComment(String sql) {
        int n = sql.length();
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int close = MysqlDialect.closingQuote(sql, i);
                i = close < 0 ? n : close;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 1;
            } else if (c == '#' || c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int from = c == '#' ? i + 1 : i + 2;
                if (c == '-' && from < n) {
                    char after = sql.charAt(from);
                    if (after != ' ' && after != '\n' && (after < ' ' || after == 0x7f)) {
                        return refuse(Reason.MISREAD_COMMENT, "'--' followed by " + named(after) + " at "
                                + position(sql, i) + " is a comment to the server and two minus signs to the review:"
                                + " write '-- ' with a space, or leave the dashes out");
                    }
                    if (after != ' ' && after != '\n') {
                        continue; // not a comment to either: "--1" is minus minus one
                    }
                }
                int j = from;
                for (; j < n && sql.charAt(j) != '\n'; j++) {
                    char inside = sql.charAt(j);
                    if (inside == '\r' && (j + 1 == n || sql.charAt(j + 1) != '\n') || inside == 0x1a) {
                        return refuse(Reason.MISREAD_COMMENT, "the comment at " + position(sql, i) + " holds "
                                + named(inside) + " at " + position(sql, j) + ", where the review would end it and the"
                                + " server reads on to the line feed: end the comment's line with a line feed");
                    }
                }
                i = j;
            }
        }
        return Optional.empty();
    }

    private static String named(char c) {
        return switch (c) {
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            default -> String.format(Locale.ROOT, "the control character U+%04X", (int) c);
        };
    }

    /** Line and column (1-based) of an index, as the splitter and the review name places. */
    private static String position(String sql, int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (index - lineStart + 1);
    }

    /**
     * Refuses a statement whose text holds code the server runs and the review's parser reads as a comment: an
     * executable comment ({@code /*!...*}{@code /}, {@code /*!50100 ...*}{@code /}, MariaDB's {@code /*M!...*}{@code /})
     * or an optimizer hint that sets a variable for the statement ({@code /*+ SET_VAR(...) *}{@code /}). A condition
     * in one ({@code WHERE id = 2 /*M! - 1 *}{@code /}) made the server change other rows than the review, the
     * approver and the before-images saw. Judged on the text with Druid's lexer, so strings, quoted names and plain
     * comments that only mention such a comment are not refused.
     */
    public static Optional<Refusal> hiddenCode(String sql) {
        if (!sql.contains("/*")) {
            return Optional.empty(); // most statements: no comment of that form at all
        }
        MySqlLexer lexer = new MySqlLexer(sql);
        lexer.setKeepComments(true);
        try {
            do {
                lexer.nextToken();
                String found = lexer.token() == Token.HINT ? hidden("/*" + lexer.stringVal() + "*/") : null;
                List<String> comments = lexer.readAndResetComments();
                for (int i = 0; found == null && comments != null && i < comments.size(); i++) {
                    found = hidden(comments.get(i));
                }
                if (found != null) {
                    return refuse(Reason.HIDDEN_CODE, "the statement holds " + found + ", which the server runs and"
                            + " the review reads as a comment: write what it holds without the comment around it,"
                            + " or leave it out");
                }
            } while (lexer.token() != Token.EOF);
        } catch (RuntimeException unreadable) {
            // the parser refuses the statement with its own words
        }
        return Optional.empty();
    }

    /** How a comment's text is named in a refusal when the server runs it; null for a comment it ignores. */
    private static String hidden(String comment) {
        String text = comment.stripLeading();
        if (text.startsWith("/*!")) {
            return "an executable comment (/*!...*/)";
        }
        if (text.regionMatches(true, 0, "/*M!", 0, 4)) {
            return "an executable comment for MariaDB (/*M!...*/)";
        }
        if (text.startsWith("/*+") && text.toUpperCase(Locale.ROOT).contains("SET_VAR")) {
            return "an optimizer hint that sets a variable (SET_VAR)";
        }
        return null;
    }

    private static Optional<Refusal> refuse(Reason reason, String message) {
        return Optional.of(new Refusal(reason, message));
    }

    /**
     * The schemas only Tollgate writes on a target: its execution ledger (ADR 0042) and, where the instance also hosts
     * it, Tollgate's own database (ADR 0049); and the refusal of statements that name one. Judged on the text, before
     * and without parsing.
     *
     * @param tollgateSchema null when Tollgate's own database is not on MySQL or MariaDB
     */
    public record Ledger(String schema, Pattern name, String tollgateSchema, Pattern tollgateName) {

        public static Ledger of(String schema) {
            return of(schema, null);
        }

        public static Ledger of(String schema, String tollgateSchema) {
            return new Ledger(schema, word(schema), tollgateSchema, tollgateSchema == null ? null : word(tollgateSchema));
        }

        private static Pattern word(String schema) {
            // Unicode case too: a server with lower_case_table_names folds a Kelvin sign to k
            return Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(schema) + "(?![A-Za-z0-9_$])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        /**
         * Whether the text names the schema as a whole word. The regular expression runs only where the lower-cased
         * text holds the name at all: on every statement of a large script it was an eighth of the review's time.
         */
        private static boolean names(Pattern name, String schema, String lowerSql) {
            return lowerSql.contains(schema.toLowerCase(Locale.ROOT)) && name.matcher(lowerSql).find();
        }

        /**
         * Refuses a statement that names one of the schemas as a whole word (anywhere in its text: comments and strings
         * included, as a trigger's or a routine's body can hide a write), and every statement of a ticket whose
         * database is one.
         */
        public Optional<Refusal> refusal(String sql, String database) {
            String lowerSql = sql.toLowerCase(Locale.ROOT);
            boolean runsIn = schema.equalsIgnoreCase(database);
            if (runsIn || names(name, schema, lowerSql)) {
                return refuse(Reason.TOLLGATE_SCHEMA, "the statement " + (runsIn ? "runs in" : "names") + " the schema "
                        + MysqlIdentifiers.quote(schema) + ", which holds Tollgate's execution ledger: its record of what"
                        + " ran and how to undo it, which only Tollgate writes");
            }
            if (tollgateSchema == null) {
                return Optional.empty();
            }
            boolean runsInOwn = tollgateSchema.equalsIgnoreCase(database);
            if (runsInOwn || names(tollgateName, tollgateSchema, lowerSql)) {
                return refuse(Reason.TOLLGATE_SCHEMA, "the statement " + (runsInOwn ? "runs in" : "names") + " the schema "
                        + MysqlIdentifiers.quote(tollgateSchema) + ", which holds Tollgate's own database: its tickets,"
                        + " approvals, process engine and audit trail, which only Tollgate writes");
            }
            return Optional.empty();
        }
    }

    /**
     * Whether the executor can build the inverse of this ALTER TABLE from its shape (no table options, only items it
     * undoes); the review calls a statement of any other shape irreversible, as its rollback will be.
     */
    public static boolean alterHasInverse(SQLAlterTableStatement alter) {
        return DdlInverse.invertibleShape(alter);
    }
}
