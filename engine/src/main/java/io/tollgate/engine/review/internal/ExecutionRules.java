package io.tollgate.engine.review.internal;

import static io.tollgate.engine.review.RuleCategory.EXECUTION;
import static io.tollgate.engine.review.RuleLevel.ERROR;

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
                }));
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
