package io.tollgate.engine.review.internal.statement;

import com.alibaba.druid.sql.ast.SQLExpr;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.integrations.mysql.MysqlIdentifiers;
import io.tollgate.integrations.mysql.execution.WhereClause;
import java.util.OptionalLong;

/**
 * Affected rows of DML: exact for INSERT ... VALUES (the number of rows listed); for UPDATE/DELETE an
 * EXPLAIN estimate of the equivalent SELECT on the target, replaced by an exact COUNT(*) when the table
 * is small enough (tollgate.review.exact-count-max-rows). Only SELECTs are sent, never the DML itself.
 */
public final class RowEstimator {

    private RowEstimator() {
    }

    private static String quote(String identifier) {
        return MysqlIdentifiers.quote(identifier);
    }

    public static void estimate(Stmt s, ReviewRun run, TargetMetadata target) {
        if (s.ast instanceof SQLInsertStatement i && i.getQuery() == null) {
            s.rows = RowEstimate.exact(i.getValuesList().size(), "VALUES list");
            return;
        }
        if (target == null) {
            return;
        }
        SQLTableSource from;
        SQLExpr where;
        if (s.ast instanceof SQLUpdateStatement u) {
            from = u.getTableSource();
            where = u.getWhere();
        } else if (s.ast instanceof SQLDeleteStatement d) {
            from = d.getFrom() != null ? d.getFrom() : d.getTableSource();
            where = d.getWhere();
        } else {
            return;
        }
        if (!(from instanceof SQLExprTableSource single)) {
            // multi-table statements: the EXPLAIN of a join says little about rows changed
            return;
        }
        Sql.TableRef ref = run.table(single);
        if (ref == null || ref.database() == null || run.schema.createdByScript(ref.database(), ref.table())
                || run.schema.tablePresence(ref.database(), ref.table()) != SchemaState.Presence.EXISTS) {
            return;
        }
        SchemaState.Table table = run.schema.table(ref.database(), ref.table());
        // the table as a quoted name (cheaper than printing the table source); the alias stays for the WHERE clause
        String tableSql = (ref.qualified() ? quote(ref.database()) + "." : "") + quote(ref.table())
                + (single.getAlias() == null ? "" : " " + single.getAlias());
        // the condition as written: Druid's printing of it can pick other rows (ADR 0048)
        String whereSql = where == null ? "" : WhereClause.of(s.sql).map(w -> " WHERE " + w.asWritten()).orElse(null);
        if (whereSql == null) {
            return; // the executor refuses a WHERE it cannot cut out of the statement
        }
        TargetMetadata.Explain explain = target.explain(run.currentDatabase != null ? run.currentDatabase : ref.database(),
                "SELECT * FROM " + tableSql + whereSql);
        if (explain.error() != null) {
            s.explainError = explain.error();
            return;
        }
        s.rows = RowEstimate.estimate(explain.rows(), "EXPLAIN");
        long max = run.properties.exactCountMaxRows();
        if (max >= 0 && table != null && table.rows <= max) {
            OptionalLong count = target.count(run.currentDatabase != null ? run.currentDatabase : ref.database(),
                    "SELECT COUNT(*) FROM " + tableSql + whereSql);
            if (count.isPresent()) {
                s.rows = RowEstimate.exact(count.getAsLong(), "COUNT(*)");
            }
        }
    }
}
