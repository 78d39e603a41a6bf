package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import static io.tollgate.engine.review.RuleCategory.TABLE;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.OFF;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddConstraint;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAssignItem;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLColumnReference;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLForeignKeyConstraint;
import com.alibaba.druid.sql.ast.statement.SQLTableElement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlCreateTableStatement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Rules about tables: CREATE TABLE and table options of ALTER TABLE. */
public final class TableRules {

    private TableRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("table.require-pk", TABLE, ERROR,
                        "Every table needs a primary key (replication, online schema changes and row-based rollback rely on it).",
                        "Add a primary key, e.g. id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && plainCreate(c)
                                    && Sql.definedIndexes(c).stream().noneMatch(i -> i.kind() == Sql.IndexKind.PRIMARY)) {
                                v.report("Table " + Sql.name(c.getTableName()) + " has no primary key.");
                            }
                        }),
                new Rule("table.require-innodb", TABLE, ERROR,
                        "Tables must use the InnoDB storage engine (transactions, crash safety, row locks).",
                        "Use ENGINE=InnoDB.",
                        (s, run, v) -> {
                            String engine = option(s, "ENGINE");
                            if (engine != null && !engine.equalsIgnoreCase("innodb")) {
                                v.report("The table uses ENGINE=" + engine + ".", "engine");
                            }
                        }),
                new Rule("table.require-utf8mb4", TABLE, ERROR,
                        "Tables must declare the utf8mb4 character set (utf8/utf8mb3 cannot store every character, latin1 loses text).",
                        "Add DEFAULT CHARSET=utf8mb4 (and a utf8mb4 collation) to the table.",
                        (s, run, v) -> {
                            String charset = option(s, "CHARSET", "CHARACTER SET", "DEFAULT CHARSET", "DEFAULT CHARACTER SET");
                            if (charset != null && !charset.equalsIgnoreCase("utf8mb4")) {
                                v.report("The table uses character set " + charset + ".", charset);
                            } else if (charset == null && s.ast instanceof SQLCreateTableStatement c && plainCreate(c)) {
                                v.report("Table " + Sql.name(c.getTableName()) + " does not declare its character set.");
                            }
                        }),
                new Rule("table.require-comment", TABLE, WARNING,
                        "Every table needs a comment saying what it holds.",
                        "Add COMMENT='...' to the table.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && plainCreate(c) && blank(c.getComment())) {
                                v.report("Table " + Sql.name(c.getTableName()) + " has no comment.");
                            }
                        }),
                new Rule("table.no-foreign-key", TABLE, ERROR,
                        "Foreign keys are not allowed: they lock parent rows, slow writes and break online schema changes.",
                        "Drop the FOREIGN KEY / REFERENCES clause and keep referential checks in the application.",
                        (s, run, v) -> {
                            if (hasForeignKey(s)) {
                                v.report("The statement declares a foreign key.", "foreign key");
                            }
                        }),
                new Rule("table.no-partition", TABLE, WARNING,
                        "Partitioned tables are not allowed unless a DBA agreed: partition pruning is easy to miss and DDL gets harder.",
                        "Remove PARTITION BY, or set this rule to OFF for the environment where partitioning is agreed.",
                        (s, run, v) -> {
                            if ((s.ast instanceof SQLCreateTableStatement c && c.getPartitioning() != null)
                                    || (s.ast instanceof SQLAlterTableStatement a && a.getPartition() != null)) {
                                v.report("The table is partitioned.", "partition");
                            }
                        }),
                new Rule("table.max-columns", TABLE, WARNING,
                        "A table should not have more columns than the configured limit (tollgate.review.max-columns).",
                        "Split rarely used columns into a separate table.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c) {
                                long n = c.getTableElementList().stream().filter(e -> e instanceof SQLColumnDefinition).count();
                                if (n > run.properties.maxColumns()) {
                                    v.report("Table " + Sql.name(c.getTableName()) + " has " + n + " columns; the limit is "
                                            + run.properties.maxColumns() + ".");
                                }
                            }
                        }),
                new Rule("table.require-audit-columns", TABLE, OFF,
                        "Tables should have created_at and updated_at columns.",
                        "Add created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP and updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && plainCreate(c)) {
                                Set<String> names = Sql.definedColumns(c).stream().map(d -> Sql.lower(Sql.name(d.getName())))
                                        .collect(Collectors.toSet());
                                if (!names.contains("created_at") || !names.contains("updated_at")) {
                                    v.report("Table " + Sql.name(c.getTableName()) + " lacks created_at or updated_at.");
                                }
                            }
                        }),
                new Rule("table.auto-increment-initial", TABLE, WARNING,
                        "A new table should not set a starting AUTO_INCREMENT value (usually copied from a dump by mistake).",
                        "Remove the AUTO_INCREMENT=... table option.",
                        (s, run, v) -> {
                            String start = s.ast instanceof SQLCreateTableStatement ? option(s, "AUTO_INCREMENT") : null;
                            if (start != null && !start.equals("1")) {
                                v.report("The table starts AUTO_INCREMENT at " + start + ".", "auto_increment=");
                            }
                        }),
                new Rule("table.no-create-select", TABLE, ERROR,
                        "CREATE TABLE ... SELECT is not allowed: it is unsafe with GTID replication and copies no indexes.",
                        "Create the table with CREATE TABLE (...) and fill it with INSERT in a separate ticket.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && c.getSelect() != null) {
                                v.report("The table is created from a SELECT.", "select");
                            }
                        }),
                new Rule("table.no-temporary", TABLE, WARNING,
                        "Temporary tables vanish when the executing session ends and are pointless in a ticket.",
                        "Create a regular table, or do the work in the application.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLCreateTableStatement c && c.isTemporary()) {
                                v.report("CREATE TEMPORARY TABLE is used.", "temporary");
                            }
                        }));
    }

    /** A CREATE TABLE that defines its own columns (not LIKE, not AS SELECT). */
    static boolean plainCreate(SQLCreateTableStatement c) {
        return c.getLike() == null && c.getSelect() == null;
    }

    private static boolean blank(Object comment) {
        if (comment == null) {
            return true;
        }
        String text = comment.toString().replace("'", "").replace("\"", "").strip();
        return text.isEmpty();
    }

    /** The value of a table option of CREATE TABLE or ALTER TABLE, without quotes; null when absent. */
    static String option(Stmt s, String... names) {
        List<SQLAssignItem> options;
        if (s.ast instanceof MySqlCreateTableStatement c) {
            if (names[0].equals("ENGINE") && c.getEngine() != null) {
                return unquote(c.getEngine().toString());
            }
            options = c.getTableOptions();
        } else if (s.ast instanceof SQLAlterTableStatement a) {
            options = a.getTableOptions();
        } else {
            return null;
        }
        for (SQLAssignItem o : options) {
            String key = String.valueOf(o.getTarget()).toUpperCase(Locale.ROOT);
            for (String n : names) {
                if (key.equals(n)) {
                    return unquote(String.valueOf(o.getValue()));
                }
            }
        }
        return null;
    }

    private static String unquote(String v) {
        return v.replace("'", "").replace("`", "").replace("\"", "");
    }

    private static boolean hasForeignKey(Stmt s) {
        if (s.ast instanceof SQLCreateTableStatement c) {
            for (SQLTableElement e : c.getTableElementList()) {
                if (e instanceof SQLForeignKeyConstraint) {
                    return true;
                }
                if (e instanceof SQLColumnDefinition d && d.getConstraints().stream().anyMatch(k -> k instanceof SQLColumnReference)) {
                    return true;
                }
            }
        } else if (s.ast instanceof SQLAlterTableStatement a) {
            for (SQLAlterTableItem item : a.getItems()) {
                if (item instanceof SQLAlterTableAddConstraint ac && ac.getConstraint() instanceof SQLForeignKeyConstraint) {
                    return true;
                }
            }
        }
        return false;
    }
}
