package io.tollgate.engine.review.internal.rules;

import static io.tollgate.engine.review.RuleCategory.NAMING;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateViewStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Rules about the names a statement introduces: databases, tables, views, columns, indexes. */
public final class NamingRules {

    private NamingRules() {
    }

    /** MySQL 8.0 reserved words most often used as names by accident. */
    static final Set<String> RESERVED = Set.of("add", "all", "alter", "analyze", "and", "as", "asc", "before", "between", "bigint",
            "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check", "collate", "column",
            "condition", "constraint", "continue", "convert", "create", "cross", "cube", "current_date", "current_time",
            "current_timestamp", "current_user", "cursor", "database", "databases", "dec", "decimal", "declare", "default",
            "delete", "desc", "describe", "distinct", "div", "double", "drop", "dual", "each", "else", "elseif", "exists", "exit",
            "explain", "false", "fetch", "float", "for", "force", "foreign", "from", "fulltext", "function", "generated", "get",
            "grant", "group", "groups", "having", "if", "ignore", "in", "index", "inner", "insert", "int", "integer", "interval",
            "into", "is", "join", "key", "keys", "kill", "lag", "lead", "leading", "left", "like", "limit", "lines", "load", "lock",
            "long", "match", "mod", "natural", "not", "null", "numeric", "of", "on", "option", "or", "order", "out", "outer",
            "over", "partition", "primary", "procedure", "range", "rank", "read", "real", "references", "regexp", "release",
            "rename", "repeat", "replace", "require", "restrict", "return", "revoke", "right", "rlike", "row", "rows", "schema",
            "select", "set", "show", "smallint", "spatial", "sql", "starting", "system", "table", "then", "to", "trailing",
            "trigger", "true", "union", "unique", "unlock", "unsigned", "update", "usage", "use", "using", "values", "varchar",
            "when", "where", "while", "window", "with", "write", "xor", "zerofill");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9_]+");
    private static final int MAX_LENGTH = 64;

    static List<Rule> rules() {
        return List.of(
                naming("naming.lower-case", WARNING, "Names must be lower case (table names are case-sensitive on Linux, not on macOS/Windows).",
                        "Use lower_snake_case.", n -> !n.equals(n.toLowerCase(Locale.ROOT)), "is not lower case"),
                naming("naming.identifier-chars", WARNING, "Names should contain only letters, digits and underscores.",
                        "Use lower_snake_case without spaces, dashes or other characters that need quoting.",
                        n -> !IDENTIFIER.matcher(n.toLowerCase(Locale.ROOT)).matches(), "contains characters other than letters, digits and _"),
                naming("naming.max-length", ERROR, "Names must not be longer than 64 characters (MySQL's limit).",
                        "Shorten the name.", n -> n.length() > MAX_LENGTH, "is longer than " + MAX_LENGTH + " characters"),
                naming("naming.reserved-word", ERROR, "Names must not be MySQL reserved words (they need backquotes everywhere).",
                        "Choose another name, e.g. order_no instead of order.", n -> RESERVED.contains(n.toLowerCase(Locale.ROOT)),
                        "is a MySQL reserved word"));
    }

    private static Rule naming(String id, RuleLevel level, String description, String fix, Predicate<String> bad, String problem) {
        return new Rule(id, NAMING, level, description, fix, (s, run, v) -> {
            for (String[] name : introducedNames(s)) {
                if (bad.test(name[1])) {
                    v.report(name[0] + " name " + name[1] + " " + problem + ".", name[1]);
                }
            }
        });
    }

    /** The names a statement introduces, as {kind, name} pairs. */
    static List<String[]> introducedNames(Stmt s) {
        List<String[]> out = new ArrayList<>();
        if (s.ast instanceof SQLCreateTableStatement c) {
            add(out, "Table", Sql.name(c.getTableName()));
        } else if (s.ast instanceof SQLCreateDatabaseStatement d) {
            add(out, "Database", Sql.name(d.getDatabaseName()));
        } else if (s.ast instanceof SQLCreateViewStatement cv) {
            add(out, "View", Sql.name(cv.getName()));
        } else if (s.ast instanceof MySqlRenameTableStatement r) {
            r.getItems().forEach(i -> add(out, "Table", Sql.name(i.getTo())));
        } else if (s.ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                if (item instanceof SQLAlterTableRename rn && rn.getToName() != null) {
                    add(out, "Table", Sql.name(rn.getToName()));
                } else if (item instanceof SQLAlterTableRenameColumn rc) {
                    add(out, "Column", Sql.name(rc.getTo()));
                } else if (item instanceof SQLAlterTableRenameIndex ri) {
                    add(out, "Index", Sql.name(ri.getTo()));
                }
            }
        }
        if (s.ast instanceof SQLCreateTableStatement || s.ast instanceof SQLAlterTableStatement) {
            for (SQLColumnDefinition c : s.columns()) {
                add(out, "Column", Sql.name(c.getName()));
            }
        }
        for (Sql.IndexDef i : s.indexes()) {
            if (i.kind() != Sql.IndexKind.PRIMARY) {
                add(out, "Index", i.name());
            }
        }
        return out;
    }

    private static void add(List<String[]> out, String kind, String name) {
        if (name != null && !name.isEmpty()) {
            out.add(new String[] {kind, name});
        }
    }
}
