package io.tollgate.engine.review.internal.rules;

import static io.tollgate.engine.review.RuleCategory.ONLINE;
import static io.tollgate.engine.review.RuleCategory.STATEMENT;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.ast.statement.SQLCreateIndexStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableAlgorithm;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableLock;
import io.tollgate.engine.review.Reversibility;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import java.util.List;
import java.util.Locale;

/** Rules about how a change runs: online schema changes, locking, affected rows, rollback. */
public final class OnlineRules {

    private OnlineRules() {
    }

    static List<Rule> rules() {
        return List.of(
                new Rule("online.large-table-alter", ONLINE, WARNING,
                        "ALTER TABLE / CREATE INDEX on a table larger than tollgate.review.large-table-rows should run as an online schema change.",
                        "Run it with pt-online-schema-change or gh-ost (Tollgate's OSC execution mode), outside peak hours.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement || s.ast instanceof SQLCreateIndexStatement) {
                                SchemaState.Table t = IndexRules.table(s, run);
                                if (t != null && t.rows > run.properties.largeTableRows()) {
                                    v.report("Table " + t.name + " has about " + t.rows + " rows (limit " + run.properties.largeTableRows() + ").");
                                }
                            }
                        }),
                new Rule("online.merge-alters", ONLINE, WARNING,
                        "Several ALTER TABLE statements on one table each rebuild or lock it.",
                        "Merge them into one ALTER TABLE with comma-separated clauses.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement a) {
                                int n = run.altersPerTable.merge(Sql.lower(String.valueOf(a.getTableSource())), 1, Integer::sum);
                                if (n > 1) {
                                    v.report("The script already altered table " + a.getTableSource() + " " + (n - 1)
                                            + (n == 2 ? " time" : " times") + " before this statement.");
                                }
                            }
                        }),
                new Rule("online.blocking-algorithm", ONLINE, WARNING,
                        "ALGORITHM=COPY or LOCK=SHARED/EXCLUSIVE blocks writes (or reads) for the whole ALTER.",
                        "Use ALGORITHM=INPLACE (or INSTANT) with LOCK=NONE where MySQL supports it, or an online schema change.",
                        (s, run, v) -> {
                            if (s.ast instanceof SQLAlterTableStatement a) {
                                for (SQLAlterTableItem item : a.getItems()) {
                                    String value = item instanceof MySqlAlterTableAlgorithm al ? String.valueOf(al.getAlgorithmType())
                                            : item instanceof MySqlAlterTableLock l ? String.valueOf(l.getLockType()) : "";
                                    value = value.toUpperCase(Locale.ROOT);
                                    if (value.equals("COPY") || value.equals("SHARED") || value.equals("EXCLUSIVE")) {
                                        v.report("The ALTER asks for " + value + ".", value);
                                    }
                                }
                            }
                        }),
                new Rule("stmt.max-affected-rows", STATEMENT, ERROR,
                        "One statement must not change more rows than tollgate.review.max-affected-rows (estimated by EXPLAIN, counted when the table is small).",
                        "Split the change into batches over key ranges, each below the limit.",
                        (s, run, v) -> {
                            if (s.rows != null && s.rows.rows() > run.properties.maxAffectedRows()) {
                                v.report(s.kind + " changes " + (s.rows.kind() == RowEstimate.Kind.EXACT ? "exactly " : "an estimated ")
                                        + s.rows.rows() + " rows (" + s.rows.source() + "); the limit is " + run.properties.maxAffectedRows() + ".");
                            }
                        }),
                new Rule("stmt.irreversible", STATEMENT, WARNING,
                        "Tollgate cannot generate a rollback for this statement.",
                        "Take a backup first, or rewrite it as a reversible change (e.g. rename instead of drop).",
                        (s, run, v) -> {
                            if (s.reversibility == Reversibility.IRREVERSIBLE) {
                                v.report(s.kind + " cannot be rolled back by Tollgate.");
                            }
                        }));
    }
}
