package io.tollgate.engine.review.internal.rules;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropPartition;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableTruncatePartition;
import com.alibaba.druid.sql.ast.statement.SQLCreateDatabaseStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateViewStatement;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLDropIndexStatement;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLReplaceStatement;
import com.alibaba.druid.sql.ast.statement.SQLSelectStatement;
import com.alibaba.druid.sql.ast.statement.SQLSetStatement;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import com.alibaba.druid.sql.ast.statement.SQLUseStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlHintStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlInsertStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlRenameTableStatement;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;
import io.tollgate.integrations.mysql.execution.StatementSupport;

/**
 * Whether Tollgate can generate a statement's rollback. Must be called before the statement's schema
 * effects are applied (a MODIFY is judged against the column as it was).
 */
public final class Reversibilities {

    private Reversibilities() {
    }

    public static Reversibility of(Stmt s, ReviewRun run) {
        if (s.ast == null) {
            return Reversibility.IRREVERSIBLE;
        }
        switch (s.kind) {
            case "UPDATE", "DELETE", "REPLACE":
                return Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES;
            case "SELECT", "USE":
                return Reversibility.REVERSIBLE;
            default:
                break;
        }
        if (s.ast instanceof SQLInsertStatement i) {
            boolean upsert = i instanceof MySqlInsertStatement m && !m.getDuplicateKeyUpdate().isEmpty();
            return upsert ? Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES : Reversibility.REVERSIBLE;
        }
        if (s.ast instanceof SQLUpdateStatement || s.ast instanceof SQLDeleteStatement || s.ast instanceof SQLReplaceStatement) {
            return Reversibility.REVERSIBLE_WITH_BEFORE_IMAGES;
        }
        if (s.ast instanceof SQLCreateTableStatement || s.ast instanceof SQLCreateIndexStatement
                || s.ast instanceof SQLCreateDatabaseStatement || s.ast instanceof SQLCreateViewStatement
                || s.ast instanceof MySqlRenameTableStatement || s.ast instanceof SQLSelectStatement || s.ast instanceof SQLUseStatement
                || s.ast instanceof SQLSetStatement || s.ast instanceof MySqlHintStatement) {
            return Reversibility.REVERSIBLE;
        }
        if (s.ast instanceof SQLDropIndexStatement) {
            // the index definition is read from the target before execution and re-created on rollback
            return Reversibility.REVERSIBLE;
        }
        if (s.ast instanceof SQLAlterTableStatement a) {
            return alter(a, run);
        }
        return Reversibility.IRREVERSIBLE;
    }

    private static Reversibility alter(SQLAlterTableStatement a, ReviewRun run) {
        if (!StatementSupport.alterHasInverse(a)) {
            return Reversibility.IRREVERSIBLE; // table options, or an item the executor cannot undo
        }
        SchemaState.Table table = null;
        Sql.TableRef ref = run.table(a.getTableSource());
        if (ref != null) {
            table = run.schema.table(ref.database(), ref.table());
        }
        for (SQLAlterTableItem item : a.getItems()) {
            if (item instanceof SQLAlterTableDropColumnItem || item instanceof SQLAlterTableDropPartition
                    || item instanceof SQLAlterTableTruncatePartition) {
                return Reversibility.IRREVERSIBLE;
            }
            String column = null;
            com.alibaba.druid.sql.ast.statement.SQLColumnDefinition now = null;
            if (item instanceof MySqlAlterTableModifyColumn m) {
                column = Sql.name(m.getNewColumnDefinition().getName());
                now = m.getNewColumnDefinition();
            } else if (item instanceof MySqlAlterTableChangeColumn ch) {
                column = Sql.name(ch.getColumnName());
                now = ch.getNewColumnDefinition();
            }
            if (column != null) {
                SchemaState.Column current = table == null ? null : table.column(column);
                if (current == null || ColumnRules.lossy(current.type(), Sql.typeString(now.getDataType()))
                        || !StatementSupport.keepsEveryValue(current.type(), current.autoIncrement(),
                        current.nullable(), now)) {
                    // without the old definition the rollback cannot be written; a lossy change cannot be undone;
                    // and the executor records an inverse only for a change that keeps every value (its rule)
                    return Reversibility.IRREVERSIBLE;
                }
            }
        }
        return Reversibility.REVERSIBLE;
    }
}
