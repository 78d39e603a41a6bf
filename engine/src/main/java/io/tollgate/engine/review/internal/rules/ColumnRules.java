package io.tollgate.engine.review.internal.rules;

import static io.tollgate.engine.review.RuleCategory.COLUMN;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.expr.SQLNullExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Rules about column definitions in CREATE TABLE and ALTER TABLE (ADD, MODIFY, CHANGE). */
public final class ColumnRules {

    private ColumnRules() {
    }

    private static final Set<String> INTEGER_TYPES = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    static List<Rule> rules() {
        return List.of(
                new Rule("column.require-comment", COLUMN, WARNING,
                        "Every column needs a comment saying what it holds.",
                        "Add COMMENT '...' to the column definition.",
                        each((c, v) -> {
                            if (c.getComment() == null || c.getComment().toString().replace("'", "").isBlank()) {
                                v.report("Column " + n(c) + " has no comment.", n(c));
                            }
                        })),
                new Rule("column.not-null-with-default", COLUMN, WARNING,
                        "Columns should be NOT NULL with a DEFAULT (except primary keys, AUTO_INCREMENT, generated and BLOB/TEXT/JSON columns).",
                        "Declare the column NOT NULL DEFAULT <value>; NULLs complicate indexes and comparisons.",
                        (s, run, v) -> {
                            Set<String> primary = new HashSet<>();
                            s.indexes().stream().filter(i -> i.kind() == Sql.IndexKind.PRIMARY).forEach(i -> primary.addAll(i.columns()));
                            forEach(s, (c, r) -> {
                                String t = Sql.typeName(c.getDataType());
                                if (Sql.isPrimaryKey(c) || primary.contains(Sql.lower(n(c))) || c.isAutoIncrement() || Sql.isGenerated(c)
                                        || Sql.isBlobOrText(t) || t.equals("json") || t.equals("geometry")) {
                                    return;
                                }
                                if (!Sql.isNotNull(c)) {
                                    r.report("Column " + n(c) + " allows NULL.", n(c));
                                } else if (c.getDefaultExpr() == null || c.getDefaultExpr() instanceof SQLNullExpr) {
                                    r.report("Column " + n(c) + " is NOT NULL without a DEFAULT.", n(c));
                                }
                            }, v);
                        }),
                typeRule("column.no-enum", Set.of("enum"), "ENUM",
                        "Use a TINYINT with documented values, or a lookup table; changing an ENUM's values rebuilds the table."),
                typeRule("column.no-set", Set.of("set"), "SET",
                        "Use a separate table or a bit mask in an integer column."),
                typeRule("column.no-float", Set.of("float", "double", "real"), "FLOAT/DOUBLE",
                        "Use DECIMAL(p,s) for exact values such as money and quantities."),
                typeRule("column.no-bit", Set.of("bit"), "BIT",
                        "Use TINYINT UNSIGNED (or BOOLEAN), which every client reads alike."),
                typeRule("column.no-blob-text", Set.of("tinyblob", "blob", "mediumblob", "longblob", "tinytext", "text",
                                "mediumtext", "longtext"), "BLOB/TEXT",
                        "Use VARCHAR with a fitting length, or store large payloads outside the database."),
                new Rule("column.no-zerofill", COLUMN, WARNING,
                        "ZEROFILL is deprecated since MySQL 8.0.17.",
                        "Remove ZEROFILL and pad numbers when displaying them.",
                        each((c, v) -> {
                            if (Sql.typeString(c.getDataType()).contains("zerofill")) {
                                v.report("Column " + n(c) + " uses ZEROFILL.", "zerofill");
                            }
                        })),
                new Rule("column.char-max-length", COLUMN, WARNING,
                        "CHAR columns should not be longer than the configured limit (tollgate.review.max-char-length).",
                        "Use VARCHAR for longer or variable-length text.",
                        (s, run, v) -> forEach(s, (c, r) -> {
                            if (Sql.typeName(c.getDataType()).equals("char") && Sql.length(c.getDataType()) > run.properties.maxCharLength()) {
                                r.report("Column " + n(c) + " is CHAR(" + Sql.length(c.getDataType()) + "); the limit is "
                                        + run.properties.maxCharLength() + ".", n(c));
                            }
                        }, v)),
                new Rule("column.varchar-max-length", COLUMN, WARNING,
                        "VARCHAR columns should not be longer than the configured limit (tollgate.review.max-varchar-length).",
                        "Shorten the column, or use TEXT and keep it out of indexes.",
                        (s, run, v) -> forEach(s, (c, r) -> {
                            if (Sql.typeName(c.getDataType()).equals("varchar") && Sql.length(c.getDataType()) > run.properties.maxVarcharLength()) {
                                r.report("Column " + n(c) + " is VARCHAR(" + Sql.length(c.getDataType()) + "); the limit is "
                                        + run.properties.maxVarcharLength() + ".", n(c));
                            }
                        }, v)),
                new Rule("column.auto-increment-unsigned", COLUMN, ERROR,
                        "AUTO_INCREMENT columns must be UNSIGNED (half the range is wasted otherwise).",
                        "Declare the column UNSIGNED.",
                        each((c, v) -> {
                            if (c.isAutoIncrement() && !Sql.isUnsigned(c.getDataType())) {
                                v.report("AUTO_INCREMENT column " + n(c) + " is signed.", n(c));
                            }
                        })),
                new Rule("column.auto-increment-type", COLUMN, ERROR,
                        "AUTO_INCREMENT columns must be INT or BIGINT.",
                        "Declare the column BIGINT UNSIGNED (or INT UNSIGNED for small tables).",
                        each((c, v) -> {
                            String t = Sql.typeName(c.getDataType());
                            if (c.isAutoIncrement() && !(t.equals("int") || t.equals("integer") || t.equals("bigint"))) {
                                v.report("AUTO_INCREMENT column " + n(c) + " is " + t.toUpperCase(Locale.ROOT) + ".", n(c));
                            }
                        })),
                new Rule("column.timestamp-default", COLUMN, WARNING,
                        "TIMESTAMP and DATETIME columns need a DEFAULT (implicit defaults differ between servers and sql_mode).",
                        "Add DEFAULT CURRENT_TIMESTAMP (or another explicit default).",
                        each((c, v) -> {
                            String t = Sql.typeName(c.getDataType());
                            if ((t.equals("timestamp") || t.equals("datetime")) && c.getDefaultExpr() == null && !Sql.isGenerated(c)) {
                                v.report("Column " + n(c) + " (" + t.toUpperCase(Locale.ROOT) + ") has no DEFAULT.", n(c));
                            }
                        })),
                new Rule("column.blob-text-default", COLUMN, ERROR,
                        "BLOB, TEXT, JSON and GEOMETRY columns cannot have a literal DEFAULT in MySQL 5.7.",
                        "Remove the DEFAULT, or use an expression default (MySQL 8.0.13+) in parentheses.",
                        each((c, v) -> {
                            String t = Sql.typeName(c.getDataType());
                            if ((Sql.isBlobOrText(t) || t.equals("json") || t.equals("geometry")) && c.getDefaultExpr() != null
                                    && !(c.getDefaultExpr() instanceof SQLNullExpr)) {
                                v.report("Column " + n(c) + " (" + t.toUpperCase(Locale.ROOT) + ") has a DEFAULT.", n(c));
                            }
                        })),
                new Rule("column.no-charset", COLUMN, WARNING,
                        "Columns should not set their own character set: mixed character sets break joins and indexes.",
                        "Remove CHARACTER SET from the column and use the table's utf8mb4.",
                        each((c, v) -> {
                            if (Sql.charset(c) != null) {
                                v.report("Column " + n(c) + " sets character set " + Sql.charset(c) + ".", "character set");
                            }
                        })),
                new Rule("column.add-not-null-without-default", COLUMN, ERROR,
                        "ALTER TABLE ... ADD COLUMN NOT NULL needs a DEFAULT, or existing rows fail or get an implicit value.",
                        "Add a DEFAULT to the new column.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement) {
                                for (SQLColumnDefinition c : s.newColumns()) {
                                    if (Sql.isNotNull(c) && c.getDefaultExpr() == null && !c.isAutoIncrement() && !Sql.isGenerated(c)) {
                                        v.report("New column " + n(c) + " is NOT NULL without a DEFAULT.", n(c));
                                    }
                                }
                            }
                        }),
                new Rule("column.duplicate-name", COLUMN, ERROR,
                        "A table cannot define the same column twice.",
                        "Rename or remove one of the two definitions.",
                        (s, run, v) -> {
                            Set<String> seen = new HashSet<>();
                            for (SQLColumnDefinition c : s.newColumns()) {
                                if (!seen.add(Sql.lower(n(c)))) {
                                    v.report("Column " + n(c) + " is defined twice.", n(c));
                                }
                            }
                        }),
                new Rule("column.position-change", COLUMN, WARNING,
                        "FIRST/AFTER in ALTER TABLE reorders columns, which rebuilds the whole table.",
                        "Drop FIRST/AFTER and let new columns go last.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement a) {
                                for (SQLAlterTableItem item : a.getItems()) {
                                    if ((item instanceof SQLAlterTableAddColumn add && (add.isFirst() || add.getAfterColumn() != null
                                            || add.getFirstColumn() != null))
                                            || (item instanceof MySqlAlterTableModifyColumn m && (m.isFirst() || m.getAfterColumn() != null))
                                            || (item instanceof MySqlAlterTableChangeColumn ch && (ch.isFirst() || ch.getAfterColumn() != null))) {
                                        v.report("A column is positioned with FIRST or AFTER.", item.toString().contains("AFTER") ? "after" : "first");
                                        return;
                                    }
                                }
                            }
                        }),
                new Rule("column.rename", COLUMN, WARNING,
                        "Renaming a column (CHANGE old new, RENAME COLUMN) breaks every query that still uses the old name.",
                        "Add the new column, migrate readers and writers, then drop the old one in a later ticket.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement a) {
                                for (SQLAlterTableItem item : a.getItems()) {
                                    if (item instanceof MySqlAlterTableChangeColumn ch && !Sql.lower(Sql.name(ch.getColumnName()))
                                            .equals(Sql.lower(n(ch.getNewColumnDefinition())))) {
                                        v.report("Column " + Sql.name(ch.getColumnName()) + " is renamed to " + n(ch.getNewColumnDefinition()) + ".",
                                                Sql.name(ch.getColumnName()));
                                    } else if (item instanceof com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn rc) {
                                        v.report("Column " + Sql.name(rc.getColumn()) + " is renamed to " + Sql.name(rc.getTo()) + ".",
                                                Sql.name(rc.getColumn()));
                                    }
                                }
                            }
                        }),
                new Rule("column.lossy-type-change", COLUMN, ERROR,
                        "MODIFY/CHANGE must not narrow a column's type (shorter strings, smaller integers, fewer decimals, fewer fractional seconds or floating-point digits, fewer bits, ENUM/SET values taken out or renamed, signed to unsigned, text to bytes, a fixed length, other type family) nor make it generated or AUTO_INCREMENT, nor make a TIMESTAMP that holds NULL refuse it: data is cut, rounded, replaced or rejected.",
                        "Keep the type at least as wide as the current one, or migrate the data explicitly first.",
                        (s, run, v) -> {
                            if (!(s.ast instanceof SQLAlterTableStatement a)) {
                                return;
                            }
                            Sql.TableRef ref = run.table(a.getTableSource());
                            SchemaState.Table table = ref == null ? null : run.schema.table(ref.database(), ref.table());
                            if (table == null) {
                                return;
                            }
                            for (SQLAlterTableItem item : a.getItems()) {
                                String old = null;
                                SQLColumnDefinition def = null;
                                if (item instanceof MySqlAlterTableModifyColumn m) {
                                    def = m.getNewColumnDefinition();
                                    old = Sql.name(def.getName());
                                } else if (item instanceof MySqlAlterTableChangeColumn ch) {
                                    def = ch.getNewColumnDefinition();
                                    old = Sql.name(ch.getColumnName());
                                }
                                SchemaState.Column current = old == null ? null : table.column(old);
                                if (current != null && io.tollgate.integrations.mysql.execution.StatementSupport
                                        .generated(def)) {
                                    v.report("Column " + old + " becomes a generated column: the values it holds"
                                            + " are replaced by its expression's, and cannot be put back.", old);
                                } else if (current != null && def.isAutoIncrement() && !current.autoIncrement()) {
                                    v.report("Column " + old + " becomes AUTO_INCREMENT: a row whose " + old + " is 0"
                                            + " is given a new number (unless the server's sql_mode has"
                                            + " NO_AUTO_VALUE_ON_ZERO), and what refers to it points elsewhere.", old);
                                } else if (current != null && io.tollgate.integrations.mysql.execution.StatementSupport
                                        .replacesNulls(current.nullable(), def)) {
                                    v.report("Column " + old + " becomes a TIMESTAMP that refuses NULL: where it holds"
                                            + " NULL the server puts the current time, with no error even in strict"
                                            + " mode, and the NULLs cannot be put back. Set those rows first in a"
                                            + " ticket of their own, or write NULL to keep allowing it.", old);
                                } else if (current != null && lossy(current.type(), Sql.typeString(def.getDataType()))) {
                                    v.report("Column " + old + " changes from " + current.type() + " to " + Sql.typeString(def.getDataType())
                                            + ", which can lose data.", old);
                                }
                            }
                        }));
    }

    private static String n(SQLColumnDefinition c) {
        return Sql.name(c.getName());
    }

    private interface ColumnCheck {
        void check(SQLColumnDefinition column, Rule.Violations violations);
    }

    private static Rule.Check each(ColumnCheck check) {
        return (s, run, v) -> forEach(s, check::check, v);
    }

    private static void forEach(Stmt s, BiConsumer<SQLColumnDefinition, Rule.Violations> check, Rule.Violations v) {
        if (s.ast instanceof SQLCreateTableStatement || s.ast instanceof SQLAlterTableStatement) {
            for (SQLColumnDefinition c : s.columns()) {
                check.accept(c, v);
            }
        }
    }

    private static Rule typeRule(String id, Set<String> types, String label, String fix) {
        return new Rule(id, COLUMN, id.equals("column.no-blob-text") ? RuleLevel.OFF : WARNING,
                "Columns should not use " + label + ".", fix,
                each((c, v) -> {
                    String t = Sql.typeName(c.getDataType());
                    if (types.contains(t)) {
                        v.report("Column " + n(c) + " is " + t.toUpperCase(Locale.ROOT) + ".", n(c));
                    }
                }));
    }

    private static final Pattern TYPE = Pattern.compile("^\\s*([a-z][a-z0-9]*)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?(.*)$");
    private static final Map<String, Long> TEXT_CAPACITY = Map.of("tinytext", 255L, "text", 65_535L, "mediumtext", 16_777_215L,
            "longtext", 4_294_967_295L, "tinyblob", 255L, "blob", 65_535L, "mediumblob", 16_777_215L, "longblob", 4_294_967_295L);
    private static final List<String> INTEGER_ORDER = List.of("tinyint", "smallint", "mediumint", "int", "bigint");

    private static final Pattern LISTED = Pattern.compile("^\\s*(enum|set)\\s*\\((.*)\\)(.*)$",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    /** Text types counted in characters, and those counted in bytes ({@link #TEXT_CAPACITY}). */
    private static final Set<String> CHARACTER_TYPES = Set.of("char", "varchar");
    private static final Set<String> BINARY_TYPES = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob",
            "longblob");
    /** The most bytes one character takes (utf8mb4): a text type's bytes hold that many fewer characters. */
    private static final long BYTES_A_CHARACTER = 4;
    /** The digits each integer type's values may have. */
    private static final Map<String, Long> INTEGER_DIGITS = Map.of("tinyint", 3L, "smallint", 5L, "mediumint", 8L,
            "int", 10L, "bigint", 20L);
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|''|\\\\.)*)'");
    /** Types whose one number is the fractional seconds kept: fewer of them round or cut what is stored. */
    private static final Set<String> TIME_TYPES = Set.of("datetime", "timestamp", "time");
    private static final Set<String> FLOATING_TYPES = Set.of("float", "double", "real");

    /**
     * True when changing a column from {@code from} to {@code to} can cut, round or reject existing values. Among
     * them the changes the server makes without an error even in strict mode: fewer fractional seconds
     * ({@code DATETIME(6)} to {@code DATETIME}), fewer digits of a floating-point column ({@code DOUBLE} to
     * {@code DOUBLE(10,2)}); and those a server not in strict mode makes silently: a value taken out of an
     * {@code ENUM} or {@code SET}, fewer bits, a number made unsigned.
     */
    static boolean lossy(String from, String to) {
        String lowerFrom = from.toLowerCase(Locale.ROOT);
        String lowerTo = to.toLowerCase(Locale.ROOT);
        Matcher listedFrom = LISTED.matcher(from);
        Matcher listedTo = LISTED.matcher(to);
        if (listedFrom.matches() && listedTo.matches()) {
            // values compared as written: a value whose case changes is stored anew in the new case
            return !listedFrom.group(1).equalsIgnoreCase(listedTo.group(1))
                    || !listed(listedTo.group(2)).containsAll(listed(listedFrom.group(2)));
        }
        Matcher a = TYPE.matcher(lowerFrom);
        Matcher b = TYPE.matcher(lowerTo);
        if (!b.matches()) {
            return false;
        }
        String tb = canonical(b.group(1));
        if (listedFrom.matches()) {
            // an ENUM or SET as text: every value (a SET's whole list, comma-joined) must fit
            long longest = String.join(",", listed(listedFrom.group(2))).length();
            return !CHARACTER_TYPES.contains(tb) && !TEXT_CAPACITY.containsKey(tb) || BINARY_TYPES.contains(tb)
                    || tb.equals("char") || capacity(tb, b.group(2)) < longest;
        }
        if (!a.matches()) {
            return false;
        }
        String ta = canonical(a.group(1));
        boolean ua = unsigned(a.group(4));
        boolean ub = unsigned(b.group(4));
        boolean madeUnsigned = !ua && ub;
        if (INTEGER_TYPES.contains(ta) && INTEGER_TYPES.contains(tb)) {
            int ra = INTEGER_ORDER.indexOf(ta);
            int rb = INTEGER_ORDER.indexOf(tb);
            // signed to unsigned loses the negatives however wide; unsigned to signed needs a wider type
            return rb < ra || madeUnsigned || (ua && !ub && rb <= ra);
        }
        if (INTEGER_TYPES.contains(ta) && tb.equals("decimal")) {
            long digits = number(b.group(2), 10) - number(b.group(3), 0);
            return madeUnsigned || digits < INTEGER_DIGITS.get(ta);
        }
        if (ta.equals("date") && tb.equals("datetime")) {
            return false;
        }
        Long ca = capacity(ta, a.group(2));
        Long cb = capacity(tb, b.group(2));
        if (ca != null && cb != null) {
            if (BINARY_TYPES.contains(ta) != BINARY_TYPES.contains(tb)) {
                // text to bytes or back: a character set's text is not its bytes
                return true;
            }
            if (tb.equals("char") && !ta.equals("char") || tb.equals("binary") && !ta.equals("binary")) {
                // a fixed length strips trailing spaces (CHAR) or pads with NUL bytes (BINARY)
                return true;
            }
            // characters into bytes: a character may take four; bytes into characters: each may be one
            return CHARACTER_TYPES.contains(ta) && !CHARACTER_TYPES.contains(tb) ? cb < ca * BYTES_A_CHARACTER
                    : cb < ca;
        }
        if (ta.equals(tb) && (ta.equals("decimal") || ta.equals("numeric"))) {
            long pa = a.group(2) == null ? 10 : Long.parseLong(a.group(2));
            long pb = b.group(2) == null ? 10 : Long.parseLong(b.group(2));
            long sa = a.group(3) == null ? 0 : Long.parseLong(a.group(3));
            long sb = b.group(3) == null ? 0 : Long.parseLong(b.group(3));
            return pb - sb < pa - sa || sb < sa || madeUnsigned;
        }
        if (ta.equals(tb) && TIME_TYPES.contains(ta)) {
            return number(b.group(2), 0) < number(a.group(2), 0);
        }
        if (ta.equals(tb) && ta.equals("bit")) {
            return number(b.group(2), 1) < number(a.group(2), 1);
        }
        if (FLOATING_TYPES.contains(ta) && FLOATING_TYPES.contains(tb)
                && (ta.equals(tb) || ta.equals("float") && tb.equals("double"))) {
            if (madeUnsigned) {
                return true;
            }
            if (b.group(3) == null) {
                // no fixed digits: as precise as the type, a float widened to a double loses nothing
                return false;
            }
            if (a.group(3) == null) {
                return true;
            }
            long ma = Long.parseLong(a.group(2));
            long mb = Long.parseLong(b.group(2));
            long da = Long.parseLong(a.group(3));
            long db = Long.parseLong(b.group(3));
            return mb - db < ma - da || db < da;
        }
        return !ta.equals(tb);
    }

    private static String canonical(String type) {
        return switch (type) {
            case "integer", "int4" -> "int";
            case "int1", "bool", "boolean" -> "tinyint";
            case "int2" -> "smallint";
            case "int3", "middleint" -> "mediumint";
            case "int8" -> "bigint";
            case "real", "float8" -> "double";
            case "float4" -> "float";
            case "numeric", "dec", "fixed" -> "decimal";
            default -> type;
        };
    }

    /** ZEROFILL makes a number unsigned. */
    private static boolean unsigned(String rest) {
        return rest.contains("unsigned") || rest.contains("zerofill");
    }

    private static long number(String digits, long absent) {
        return digits == null ? absent : Long.parseLong(digits);
    }

    /** The values of an {@code ENUM} or {@code SET} as written between its parentheses. */
    private static Set<String> listed(String values) {
        Set<String> listed = new HashSet<>();
        Matcher m = QUOTED.matcher(values);
        while (m.find()) {
            listed.add(m.group(1).replace("''", "'"));
        }
        return listed;
    }

    /** Characters (CHAR, VARCHAR) or bytes (BINARY, VARBINARY and the TEXT and BLOB types) a type holds. */
    private static Long capacity(String type, String length) {
        if (type.equals("varchar") || type.equals("char") || type.equals("varbinary") || type.equals("binary")) {
            return length == null ? 1L : Long.parseLong(length);
        }
        Long capacity = TEXT_CAPACITY.get(type);
        if (capacity != null && length != null) {
            // TEXT(n) and BLOB(n) are the smallest such type that holds n bytes
            long asked = Long.parseLong(length);
            return TEXT_CAPACITY.values().stream().filter(c -> c >= asked).min(Long::compare).orElse(capacity);
        }
        return capacity;
    }
}
