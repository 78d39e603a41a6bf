package io.tollgate.engine.review.internal.statement;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLDataType;
import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.SQLName;
import com.alibaba.druid.sql.ast.SQLObject;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.expr.SQLIdentifierExpr;
import com.alibaba.druid.sql.ast.expr.SQLIntegerExpr;
import com.alibaba.druid.sql.ast.expr.SQLMethodInvokeExpr;
import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCharacterDataType;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLColumnUniqueKey;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLNotNullConstraint;
import com.alibaba.druid.sql.ast.statement.SQLSelectOrderByItem;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlPrimaryKey;
import com.alibaba.druid.sql.dialect.mysql.ast.MySqlUnique;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlTableIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Small readers over Druid's MySQL AST shared by the rules. */
public final class Sql {

    private Sql() {
    }

    public enum IndexKind {
        PRIMARY, UNIQUE, INDEX, FULLTEXT, SPATIAL
    }

    /** An index as a rule sees it; {@code columns} are lower-case names without prefix lengths. */
    public record IndexDef(String name, IndexKind kind, List<String> columns, List<Boolean> prefixed) {
    }

    /** A table reference: {@code database} is the explicit one, or the script's current database, or null. */
    public record TableRef(String database, String table, boolean qualified) {
    }

    public static String name(SQLName n) {
        return n == null ? null : SQLUtils.normalize(n.getSimpleName());
    }

    public static String name(String n) {
        return n == null ? null : SQLUtils.normalize(n);
    }

    public static String lower(String s) {
        return s == null ? null : SchemaState.key(s);
    }

    static TableRef table(SQLExprTableSource ts, String currentDatabase) {
        if (ts == null || ts.getTableName() == null) {
            return null;
        }
        String schema = name(ts.getSchema());
        return new TableRef(schema != null ? schema : currentDatabase, name(ts.getTableName()), schema != null);
    }

    public static String typeName(SQLDataType t) {
        return t == null || t.getName() == null ? "" : lower(t.getName());
    }

    /** The first numeric argument of a type, e.g. 64 for VARCHAR(64); -1 when absent. */
    public static long length(SQLDataType t) {
        if (t == null || t.getArguments() == null || t.getArguments().isEmpty()) {
            return -1;
        }
        SQLExpr first = t.getArguments().get(0);
        return first instanceof SQLIntegerExpr i ? i.getNumber().longValue() : -1;
    }

    public static boolean isUnsigned(SQLDataType t) {
        return t != null && t.toString().toLowerCase(Locale.ROOT).contains("unsigned");
    }

    public static boolean isBlobOrText(String typeName) {
        return typeName.endsWith("blob") || typeName.endsWith("text");
    }

    public static boolean isNotNull(SQLColumnDefinition c) {
        return c.getConstraints().stream().anyMatch(k -> k instanceof SQLNotNullConstraint) || isPrimaryKey(c);
    }

    public static boolean isPrimaryKey(SQLColumnDefinition c) {
        return c.getConstraints().stream().anyMatch(k -> k instanceof SQLColumnPrimaryKey);
    }

    public static boolean isGenerated(SQLColumnDefinition c) {
        return c.getGeneratedAlwaysAs() != null || c.getAsExpr() != null;
    }

    public static String charset(SQLColumnDefinition c) {
        if (c.getCharsetExpr() != null) {
            return c.getCharsetExpr().toString();
        }
        return c.getDataType() instanceof SQLCharacterDataType ct ? ct.getCharSetName() : null;
    }

    /** Column definitions a CREATE TABLE or ALTER TABLE (ADD, MODIFY, CHANGE) introduces. */
    public static List<SQLColumnDefinition> definedColumns(SQLStatement ast) {
        List<SQLColumnDefinition> out = new ArrayList<>();
        if (ast instanceof SQLCreateTableStatement c) {
            for (SQLTableElement e : c.getTableElementList()) {
                if (e instanceof SQLColumnDefinition d) {
                    out.add(d);
                }
            }
        } else if (ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                if (item instanceof SQLAlterTableAddColumn add) {
                    out.addAll(add.getColumns());
                } else if (item instanceof MySqlAlterTableModifyColumn m) {
                    out.add(m.getNewColumnDefinition());
                } else if (item instanceof MySqlAlterTableChangeColumn ch) {
                    out.add(ch.getNewColumnDefinition());
                }
            }
        }
        return out;
    }

    /** Column definitions that add a new column (CREATE TABLE, ALTER ADD COLUMN), not MODIFY/CHANGE. */
    static List<SQLColumnDefinition> newColumns(SQLStatement ast) {
        List<SQLColumnDefinition> out = new ArrayList<>();
        if (ast instanceof SQLCreateTableStatement) {
            return definedColumns(ast);
        }
        if (ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                if (item instanceof SQLAlterTableAddColumn add) {
                    out.addAll(add.getColumns());
                }
            }
        }
        return out;
    }

    /** Indexes a CREATE TABLE, ALTER TABLE or CREATE INDEX introduces (column-level keys included). */
    public static List<IndexDef> definedIndexes(SQLStatement ast) {
        List<IndexDef> out = new ArrayList<>();
        if (ast instanceof SQLCreateTableStatement c) {
            for (SQLTableElement e : c.getTableElementList()) {
                if (e instanceof SQLColumnDefinition d) {
                    String col = lower(name(d.getName()));
                    if (isPrimaryKey(d)) {
                        out.add(new IndexDef("PRIMARY", IndexKind.PRIMARY, List.of(col), List.of(false)));
                    } else if (d.getConstraints().stream().anyMatch(k -> k instanceof SQLColumnUniqueKey)) {
                        out.add(new IndexDef(null, IndexKind.UNIQUE, List.of(col), List.of(false)));
                    }
                } else {
                    IndexDef def = indexOf(e);
                    if (def != null) {
                        out.add(def);
                    }
                }
            }
        } else if (ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                IndexDef def = null;
                if (item instanceof SQLAlterTableAddIndex ai) {
                    IndexKind kind = ai.isUnique() ? IndexKind.UNIQUE : kindOf(ai.getType());
                    def = index(name(ai.getName()), kind, ai.getColumns());
                } else if (item instanceof SQLAlterTableAddConstraint ac) {
                    def = indexOf(ac.getConstraint());
                }
                if (def != null) {
                    out.add(def);
                }
            }
        } else if (ast instanceof SQLCreateIndexStatement ci) {
            out.add(index(name(ci.getName()), kindOf(ci.getType()), ci.getItems()));
        }
        return out;
    }

    private static IndexDef indexOf(SQLObject e) {
        if (e instanceof MySqlPrimaryKey pk) {
            return index("PRIMARY", IndexKind.PRIMARY, pk.getColumns());
        } else if (e instanceof MySqlUnique u) {
            return index(name(u.getName()), IndexKind.UNIQUE, u.getColumns());
        } else if (e instanceof MySqlKey k) {
            // "FULLTEXT KEY (c)" keeps its kind in the key's index type, not in its definition's type
            String type = k.getIndexDefinition().getType() != null ? k.getIndexDefinition().getType() : k.getIndexType();
            return index(name(k.getName()), kindOf(type), k.getColumns());
        } else if (e instanceof MySqlTableIndex ti) {
            return index(name(ti.getName()), kindOf(ti.getIndexType()), ti.getColumns());
        }
        return null;
    }

    private static IndexKind kindOf(String type) {
        if (type == null) {
            return IndexKind.INDEX;
        }
        return switch (type.toUpperCase(Locale.ROOT)) {
            case "UNIQUE" -> IndexKind.UNIQUE;
            case "FULLTEXT" -> IndexKind.FULLTEXT;
            case "SPATIAL" -> IndexKind.SPATIAL;
            case "PRIMARY" -> IndexKind.PRIMARY;
            default -> IndexKind.INDEX;
        };
    }

    private static IndexDef index(String name, IndexKind kind, List<SQLSelectOrderByItem> items) {
        List<String> cols = new ArrayList<>();
        List<Boolean> prefixed = new ArrayList<>();
        for (SQLSelectOrderByItem item : items) {
            SQLExpr e = item.getExpr();
            if (e instanceof SQLMethodInvokeExpr m && m.getArguments().size() == 1 && m.getArguments().get(0) instanceof SQLIntegerExpr) {
                cols.add(lower(name(m.getMethodName())));
                prefixed.add(true);
            } else if (e instanceof SQLIdentifierExpr id) {
                cols.add(lower(name(id.getName())));
                prefixed.add(false);
            } else if (e instanceof SQLPropertyExpr p) {
                cols.add(lower(name(p.getName())));
                prefixed.add(false);
            } else {
                cols.add(lower(String.valueOf(e)));
                prefixed.add(false);
            }
        }
        return new IndexDef(name, kind, cols, prefixed);
    }

    /** The column's type as MySQL would show it, lower case, e.g. {@code varchar(64)} or {@code bigint unsigned}. */
    /**
     * A column type as written, lower case but for its quoted literals: an ENUM's or SET's values keep their case, as
     * the server stores them (lower-casing them made {@code ENUM('a','b')} to {@code ENUM('A','B')}, which rewrites
     * every stored value, look like no change; a helper's finding).
     */
    public static String typeString(SQLDataType t) {
        if (t == null) {
            return "";
        }
        String type = t.toString();
        StringBuilder lowered = new StringBuilder(type.length());
        boolean quoted = false;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // a doubled quote inside a literal turns it off and on again
            }
            lowered.append(quoted ? c : Character.toLowerCase(c));
        }
        return lowered.toString();
    }
}
