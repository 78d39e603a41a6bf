package io.tollgate.engine.review.internal;

import static io.tollgate.engine.review.RuleCategory.EXECUTION;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.util.List;

/**
 * The executor's refusals as a review rule. The executor's own check ({@link StatementSupport}) decides, here with
 * the written table as the script's schema view knows it (the target overlaid with what earlier statements did;
 * without a target only tables the script creates are known), so review and execution cannot disagree on a
 * statement whose table is known. The rule is always ERROR: a ticket that passed review must be one the executor
 * runs.
 */
final class ExecutionRules {

    static final String REFUSED = "execution.refused";
    static final String REFERENCED_ROWS = "execution.referenced-rows";

    private ExecutionRules() {
    }

    static List<Rule> rules() {
        return List.of(new Rule(REFUSED, EXECUTION, ERROR,
                "Tollgate executes only statements whose rollback it can build exactly: single-table INSERT, UPDATE and"
                        + " DELETE on tables with a primary key, and DDL. It refuses the rest (no primary key, LIMIT, REPLACE,"
                        + " INSERT ... SELECT, INSERT IGNORE / ON DUPLICATE KEY UPDATE, multi-table DML, primary key updates,"
                        + " INSERT without a key it can find, statements that change nothing, missing tables). Always ERROR.",
                "Rewrite the statement as the message says (choose rows by a WHERE on the key, list literal key values,"
                        + " add a primary key first), or have a DBA run it outside Tollgate.",
                (s, run, v) -> {
                    if (s.refusal != null) {
                        v.report("The executor refuses this statement: " + s.refusal.message() + ".");
                    }
                }),
                new Rule(REFERENCED_ROWS, EXECUTION, WARNING,
                        "A DELETE (or an UPDATE of a referenced column) on a table that other tables reference through a"
                                + " foreign key with ON DELETE CASCADE / SET NULL / SET DEFAULT (ON UPDATE SET NULL / SET"
                                + " DEFAULT): the server would change the referencing rows without before-images, so the"
                                + " executor refuses the statement if any row it changes is still referenced when it runs."
                                + " Needs a target instance.",
                        "Delete or change the referencing rows first, earlier in the same ticket, or make sure none"
                                + " reference the rows this statement changes.",
                        ExecutionRules::referencedRows));
    }

    /** Reports the foreign keys through which the statement's rows could make the server change other rows. */
    private static void referencedRows(Stmt s, ReviewRun run, Rule.Violations v) {
        if (s.refusal != null) {
            return;
        }
        MysqlForeignKeys.Change change;
        SQLExprTableSource source;
        List<String> changed = List.of();
        if (s.ast instanceof SQLDeleteStatement d && d.getTableSource() instanceof SQLExprTableSource t) {
            change = MysqlForeignKeys.Change.DELETE;
            source = t;
        } else if (s.ast instanceof SQLUpdateStatement u && u.getTableSource() instanceof SQLExprTableSource t) {
            change = MysqlForeignKeys.Change.UPDATE;
            source = t;
            changed = u.getItems().stream()
                    .map(item -> StatementSupport.unqualified(SQLUtils.normalize(item.getColumn().toString()))).toList();
        } else {
            return;
        }
        Sql.TableRef table = run.table(source);
        if (table == null) {
            return;
        }
        SchemaState.Table shape = run.schema.table(table.database(), table.table());
        if (change == MysqlForeignKeys.Change.UPDATE && (shape == null || changed.stream().noneMatch(shape::indexed))) {
            return; // a foreign key references indexed columns only: an UPDATE of none of them changes no other row
        }
        for (MysqlForeignKeys.Reference r : run.schema.rowChangingReferences(table.database(), table.table())) {
            if (r.changesReferencingRows(change, changed)) {
                v.report("This " + change + " " + r.consequence(change) + ", without before-images: the executor"
                        + " refuses it if any row it changes is still referenced when it runs.", table.table());
            }
        }
    }

    /** Why the executor would refuse the statement, judged before its schema effects apply; null when it runs it. */
    static StatementSupport.Refusal refusal(Stmt s, ReviewRun run) {
        if (s.ast == null) {
            return null;
        }
        return StatementSupport.refusal(s.ast, run.currentDatabase, (database, table) -> {
            SchemaState.Presence presence = run.schema.tablePresence(database, table);
            if (presence == SchemaState.Presence.MISSING) {
                return StatementSupport.TableKeys.MISSING;
            }
            SchemaState.Table known = run.schema.table(database, table);
            return known == null ? null : known.keys();
        }).orElse(null);
    }
}
