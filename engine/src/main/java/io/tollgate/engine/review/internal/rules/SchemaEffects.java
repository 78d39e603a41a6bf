package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;

import com.alibaba.druid.sql.ast.expr.SQLPropertyExpr;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPrimaryKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRename;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableRenameIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLColumnDefinition;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;

/** Applies what a reviewed statement does to the script's view of the schema, so later statements see it. */
public final class SchemaEffects {

    private SchemaEffects() {
    }

    public static void apply(Stmt s, ReviewRun run) {
        SchemaState schema = run.schema;
        if (s.ast instanceof SQLUseStatement u) {
            run.currentDatabase = Sql.name(u.getDatabase());
        } else if (s.ast instanceof SQLCreateDatabaseStatement d) {
            schema.databaseCreated(Sql.name(d.getDatabaseName()));
        } else if (s.ast instanceof SQLDropDatabaseStatement d) {
            schema.databaseDropped(Sql.name(d.getDatabaseName()));
        } else if (s.ast instanceof SQLCreateTableStatement c) {
            create(c, run);
        } else if (s.ast instanceof SQLDropTableStatement d) {
            for (SQLExprTableSource ts : d.getTableSources()) {
                Sql.TableRef ref = run.table(ts);
                if (ref != null) {
                    schema.dropped(ref.database(), ref.table());
                }
            }
        } else if (s.ast instanceof MySqlRenameTableStatement r) {
            for (MySqlRenameTableStatement.Item item : r.getItems()) {
                String[] from = split(item.getName(), run);
                String[] to = split(item.getTo(), run);
                schema.renamed(from[0], from[1], to[0], to[1]);
            }
        } else if (s.ast instanceof SQLAlterTableStatement a) {
            alter(a, run);
        } else if (s.ast instanceof SQLCreateIndexStatement ci) {
            SchemaState.Table t = forChange(IndexRules.table(s, run), run);
            if (t != null) {
                Sql.definedIndexes(ci).forEach(i -> t.putIndex(i.name() == null ? "idx_unnamed_" + t.indexes.size() : i.name(),
                        i.kind() == Sql.IndexKind.UNIQUE, i.columns()));
            }
        } else if (s.ast instanceof SQLDropIndexStatement di && di.getTableName() != null) {
            Sql.TableRef ref = run.table(di.getTableName());
            SchemaState.Table t = ref == null ? null : schema.tableForChange(ref.database(), ref.table());
            if (t != null) {
                t.indexes.remove(SchemaState.key(Sql.name(di.getIndexName())));
            }
        }
    }

    private static String[] split(com.alibaba.druid.sql.ast.SQLName name, ReviewRun run) {
        if (name instanceof SQLPropertyExpr p) {
            return new String[] {Sql.name(p.getOwnerName()), Sql.name(p.getName())};
        }
        return new String[] {run.currentDatabase, Sql.name(name)};
    }

    private static SchemaState.Table forChange(SchemaState.Table t, ReviewRun run) {
        return t == null ? null : run.schema.tableForChange(t.database, t.name);
    }

    private static void create(SQLCreateTableStatement c, ReviewRun run) {
        Sql.TableRef ref = run.table(c.getTableSource());
        if (ref == null) {
            return;
        }
        if (run.schema.tablePresence(ref.database(), ref.table()) == SchemaState.Presence.EXISTS) {
            // IF NOT EXISTS leaves the table alone; without it the statement fails and leaves it alone too
            return;
        }
        SchemaState.Table t;
        if (c.getLike() != null) {
            Sql.TableRef like = run.table(c.getLike());
            SchemaState.Table source = like == null ? null : run.schema.table(like.database(), like.table());
            t = source == null ? new SchemaState.Table(ref.database(), ref.table(), 0) : source.copy(ref.database(), ref.table());
        } else {
            t = new SchemaState.Table(ref.database(), ref.table(), 0);
            for (SQLColumnDefinition d : Sql.definedColumns(c)) {
                t.putColumn(Sql.name(d.getName()), Sql.typeString(d.getDataType()), d.isAutoIncrement(),
                        !Sql.isNotNull(d));
            }
            int unnamed = 0;
            for (Sql.IndexDef i : Sql.definedIndexes(c)) {
                t.putIndex(i.name() == null ? "unnamed_" + unnamed++ : i.name(), i.kind() == Sql.IndexKind.UNIQUE, i.columns());
            }
        }
        run.schema.created(t);
    }

    private static void alter(SQLAlterTableStatement a, ReviewRun run) {
        Sql.TableRef ref = run.table(a.getTableSource());
        if (ref == null) {
            return;
        }
        SchemaState.Table t = run.schema.tableForChange(ref.database(), ref.table());
        if (t == null) {
            return;
        }
        for (SQLAlterTableItem item : a.getItems()) {
            if (item instanceof SQLAlterTableDropColumnItem d) {
                d.getColumns().forEach(c -> t.columns.remove(SchemaState.key(Sql.name(c))));
            } else if (item instanceof MySqlAlterTableChangeColumn ch) {
                t.columns.remove(SchemaState.key(Sql.name(ch.getColumnName())));
            } else if (item instanceof SQLAlterTableRenameColumn rc) {
                SchemaState.Column old = t.columns.remove(SchemaState.key(Sql.name(rc.getColumn())));
                t.putColumn(Sql.name(rc.getTo()), old == null ? "" : old.type(), old != null && old.autoIncrement(),
                        old != null && old.invisible(), old == null || old.nullable());
            } else if (item instanceof SQLAlterTableDropIndex di) {
                t.indexes.remove(SchemaState.key(Sql.name(di.getIndexName())));
            } else if (item instanceof SQLAlterTableDropKey dk) {
                t.indexes.remove(SchemaState.key(Sql.name(dk.getKeyName())));
            } else if (item instanceof SQLAlterTableDropPrimaryKey) {
                t.indexes.remove("primary");
            } else if (item instanceof SQLAlterTableRenameIndex ri) {
                SchemaState.Index old = t.indexes.remove(SchemaState.key(Sql.name(ri.getName())));
                if (old != null) {
                    t.putIndex(Sql.name(ri.getTo()), old.unique(), old.columns());
                }
            } else if (item instanceof MySqlAlterTableModifyColumn) {
                // the new definition is applied below with the added columns
            }
        }
        for (SQLColumnDefinition d : Sql.definedColumns(a)) {
            t.putColumn(Sql.name(d.getName()), Sql.typeString(d.getDataType()), d.isAutoIncrement(),
                    !Sql.isNotNull(d));
        }
        for (Sql.IndexDef i : Sql.definedIndexes(a)) {
            t.putIndex(i.name() == null ? "idx_unnamed_" + t.indexes.size() : i.name(), i.kind() == Sql.IndexKind.UNIQUE, i.columns());
        }
        for (SQLAlterTableItem item : a.getItems()) {
            if (item instanceof SQLAlterTableRename rn && rn.getToName() != null) {
                String[] to = split(rn.getToName(), run);
                run.schema.renamed(t.database, t.name, to[0] == null ? t.database : to[0], to[1]);
            }
        }
    }
}
