package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import static io.tollgate.engine.review.RuleCategory.DANGER;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPartition;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableTruncatePartition;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLTruncateStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import java.util.List;

/** Rules about statements that destroy data or break running applications. */
public final class DangerRules {

    private DangerRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("danger.drop-database", DANGER, ERROR,
                        "DROP DATABASE removes every table of a database, irreversibly.",
                        "Have a DBA drop databases after a backup; SQL tickets must not.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLDropDatabaseStatement d) {
                                v.report("DROP DATABASE " + Sql.name(d.getDatabaseName()) + " is irreversible.");
                            }
                        }),
                new Rule("danger.drop-table", DANGER, ERROR,
                        "DROP TABLE removes the table and its data, irreversibly.",
                        "Rename the table to a _deprecated name first and drop it in a later ticket after a backup.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLDropTableStatement d) {
                                v.report("DROP TABLE " + d.getTableSources() + " is irreversible.");
                            }
                        }),
                new Rule("danger.truncate", DANGER, ERROR,
                        "TRUNCATE removes every row of a table, irreversibly and without row images.",
                        "Delete the rows in batches with DELETE ... WHERE (reversible), or have a DBA truncate after a backup.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLTruncateStatement t) {
                                v.report("TRUNCATE " + t.getTableSources() + " is irreversible.");
                            }
                        }),
                new Rule("danger.rename-table", DANGER, ERROR,
                        "Renaming a table breaks every application still using the old name.",
                        "Coordinate the rename with a release of the applications; have a DBA approve it.",
                        (s, run, v) -> {
                            if (s.ast instanceof MySqlRenameTableStatement
                                    || (s.ast instanceof SQLAlterTableStatement a && a.getItems().stream().anyMatch(i -> i instanceof SQLAlterTableRename))) {
                                v.report("A table is renamed.", "rename");
                            }
                        }),
                new Rule("danger.drop-column", DANGER, WARNING,
                        "Dropping a column loses its data irreversibly and breaks queries still using it.",
                        "Make sure no application reads the column any more; keep a backup of its values.",
                        (s, run, v) -> {
                            for (SQLAlterTableItem item : items(s)) {
                                if (item instanceof SQLAlterTableDropColumnItem d) {
                                    v.report("Column " + d.getColumns() + " is dropped.", "drop");
                                }
                            }
                        }),
                new Rule("danger.drop-primary-key", DANGER, ERROR,
                        "Dropping the primary key breaks replication efficiency, online schema changes and row-based rollback.",
                        "Replace the primary key in the same ALTER (DROP PRIMARY KEY, ADD PRIMARY KEY (...)).",
                        (s, run, v) -> {
                            List<SQLAlterTableItem> items = items(s);
                            boolean drops = items.stream().anyMatch(i -> i instanceof SQLAlterTableDropPrimaryKey);
                            boolean adds = s.indexes().stream().anyMatch(i -> i.kind() == Sql.IndexKind.PRIMARY);
                            if (drops && !adds) {
                                v.report("The primary key is dropped and not replaced.", "primary");
                            }
                        }),
                new Rule("danger.drop-partition", DANGER, ERROR,
                        "DROP/TRUNCATE PARTITION deletes the partition's rows irreversibly.",
                        "Have a DBA drop partitions after a backup.",
                        (s, run, v) -> {
                            for (SQLAlterTableItem item : items(s)) {
                                if (item instanceof SQLAlterTableDropPartition || item instanceof SQLAlterTableTruncatePartition) {
                                    v.report("A partition's rows are deleted.", "partition");
                                    return;
                                }
                            }
                        }),
                new Rule("danger.drop-index", DANGER, WARNING,
                        "Dropping an index can make queries that use it slow down by orders of magnitude.",
                        "Check with the query owners (or make the index invisible first on MySQL 8.0) before dropping it.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLDropIndexStatement
                                    || items(s).stream().anyMatch(i -> i instanceof SQLAlterTableDropIndex || i instanceof SQLAlterTableDropKey)) {
                                v.report("An index is dropped.", "drop");
                            }
                        }));
    }

    static List<SQLAlterTableItem> items(Stmt s) {
        return s.ast instanceof SQLAlterTableStatement a ? a.getItems() : List.of();
    }
}
