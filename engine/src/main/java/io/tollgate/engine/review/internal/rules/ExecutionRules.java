package io.tollgate.engine.review.internal.rules;

import static io.tollgate.engine.review.RuleCategory.EXECUTION;
import static io.tollgate.engine.review.RuleLevel.ERROR;
import static io.tollgate.engine.review.RuleLevel.WARNING;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.statement.SQLDeleteStatement;
import com.alibaba.druid.sql.ast.statement.SQLExprTableSource;
import com.alibaba.druid.sql.ast.statement.SQLInsertStatement;
import com.alibaba.druid.sql.ast.statement.SQLTableSource;
import com.alibaba.druid.sql.ast.statement.SQLUpdateStatement;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.SchemaState;
import io.tollgate.engine.review.internal.statement.Sql;
import io.tollgate.engine.review.internal.statement.Stmt;
import io.tollgate.integrations.mysql.MysqlColumnAccess;
import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.util.List;
import java.util.Locale;

/**
 * The executor's refusals as a review rule. The executor's own check ({@link StatementSupport}) decides, here with
 * the written table as the script's schema view knows it (the target overlaid with what earlier statements did;
 * without a target only tables the script creates are known), so review and execution cannot disagree on a
 * statement whose table is known. The rule is always ERROR: a ticket that passed review must be one the executor
 * runs.
 */
public final class ExecutionRules {

    static final String REFUSED = "execution.refused";
    public static final String REFERENCED_ROWS = "execution.referenced-rows";
    public static final String TRIGGER_CHANGES_ROWS = "execution.trigger-changes-rows";
    public static final String TRIGGER_SIDE_EFFECTS = "execution.trigger-side-effects";
    public static final String STORED_FUNCTION = "execution.stored-function";
    public static final String HIDDEN_COLUMNS = "execution.hidden-columns";
    static final String MAX_ROWS = "execution.max-rows";
    static final String NON_TRANSACTIONAL = "execution.non-transactional-table";
    static final String ROLLBACK_SIZE = "execution.rollback-size";

    private ExecutionRules() {
    }

    static List<Rule> rules() {
        return List.of(new Rule(REFUSED, EXECUTION, ERROR,
                "Tollgate executes only statements whose rollback it can build exactly: single-table INSERT, UPDATE and"
                        + " DELETE on tables with a primary key, and DDL. It refuses the rest (no primary key, LIMIT, REPLACE, ALTER IGNORE, LOAD_FILE(),"
                        + " INSERT ... SELECT, INSERT IGNORE / ON DUPLICATE KEY UPDATE, multi-table DML, primary key updates,"
                        + " INSERT without a key it can find, a WHERE whose value changes between evaluations such as RAND(),"
                        + " UUID_SHORT(), ROW_COUNT() or user variables, user variables anywhere (they carry values from"
                        + " one statement to the next), temporary tables, named-lock functions, statements that change"
                        + " nothing, missing tables, any statement naming the schema of Tollgate's execution ledger, or"
                        + " Tollgate's own database where the instance hosts it, or a ticket on one, executable comments such as /*!...*/ or /*M!...*/ and SET_VAR hints, which the"
                        + " server runs and the review reads as comments, and comments whose end the server finds"
                        + " elsewhere, such as -- followed by a tab, and characters that show the text in another order"
                        + " than the server reads it, the bidirectional overrides and isolates). Always ERROR.",
                "Rewrite the statement as the message says (choose rows by a WHERE on the key, list literal key values,"
                        + " add a primary key first), or have a DBA run it outside Tollgate.",
                (s, run, v) -> {
                    if (s.refusal != null) {
                        v.report("The executor refuses this statement: " + s.refusal.message() + ".");
                    }
                }),
                new Rule(REFERENCED_ROWS, EXECUTION, WARNING,
                        "A DELETE (or an UPDATE of a referenced column) on a table that other tables reference through a"
                                + " foreign key with ON DELETE CASCADE / SET NULL / SET DEFAULT (ON UPDATE CASCADE / SET"
                                + " NULL / SET DEFAULT): the server would change the referencing rows without before-images, so the"
                                + " executor refuses the statement if any row it changes is still referenced when it runs."
                                + " Needs a target instance.",
                        "Delete or change the referencing rows first, earlier in the same ticket, or make sure none"
                                + " reference the rows this statement changes.",
                        ExecutionRules::referencedRows),
                new Rule(TRIGGER_CHANGES_ROWS, EXECUTION, ERROR,
                        "An INSERT, UPDATE or DELETE on a table with a trigger for it that updates, deletes or replaces"
                                + " rows of other tables, or calls a routine: those rows would get no before-image, so"
                                + " the executor refuses the statement (an UPDATE or DELETE: when it changes any row)."
                                + " Needs a target instance.",
                        "Have the trigger dropped or changed first, or have a DBA run the statement outside Tollgate.",
                        ExecutionRules::triggerChangesRows),
                new Rule(TRIGGER_SIDE_EFFECTS, EXECUTION, WARNING,
                        "A trigger that the statement fires inserts rows into other tables (a rollback leaves them),"
                                + " or a trigger that its rollback would fire changes rows of other tables (Tollgate"
                                + " then refuses to roll those rows back). Needs a target instance.",
                        "Check that what the trigger writes may stay after a rollback, or plan the rollback with a DBA.",
                        ExecutionRules::triggerSideEffects),
                new Rule(STORED_FUNCTION, EXECUTION, ERROR,
                        "An INSERT, UPDATE or DELETE that calls a stored function: what the function reads and writes"
                                + " is beyond the before-images (and a WHERE is evaluated twice, for the images and"
                                + " for the change), so the executor refuses it. Built-in functions are fine. Needs a"
                                + " target instance.",
                        "Compute the value first and write it as a literal, or have a DBA run the statement outside"
                                + " Tollgate.",
                        ExecutionRules::storedFunction),
                new Rule(HIDDEN_COLUMNS, EXECUTION, ERROR,
                        "An INSERT, UPDATE or DELETE on a table some of whose columns the instance's account may not"
                                + " read (it holds privileges on some columns only): the before-images would miss the"
                                + " others, so a DELETE would lose them and a rollback could not see them change; the"
                                + " executor refuses it. Needs a target instance.",
                        "If the account must not read those columns, have a DBA run the statement outside"
                                + " Tollgate.",
                        ExecutionRules::hiddenColumns),
                new Rule(NON_TRANSACTIONAL, EXECUTION, WARNING,
                        "An INSERT, UPDATE or DELETE on a table whose storage engine cannot undo a statement (MyISAM,"
                                + " Aria, MEMORY): a statement that failed half way would stay half done and a retry"
                                + " would run it again, so the executor refuses it on such a table when it runs. Needs a"
                                + " target instance.",
                        "Convert the table to InnoDB first (a DDL ticket of its own), or have a DBA run the statement"
                                + " outside Tollgate.",
                        ExecutionRules::nonTransactional),
                new Rule(MAX_ROWS, EXECUTION, WARNING,
                        "An UPDATE or DELETE that changes more rows than the executor lets one statement change"
                                + " (tollgate.tickets.max-rows-per-statement, 100,000 by default): it holds their"
                                + " before-images in memory, so it refuses such a statement when it runs. Estimated by"
                                + " EXPLAIN (which may be far off), counted when the table is small. Needs a target"
                                + " instance.",
                        "Split the change into statements over key ranges, each within the limit.",
                        ExecutionRules::maxRows),
                new Rule(ROLLBACK_SIZE, EXECUTION, WARNING,
                        "An UPDATE or DELETE whose rollback SQL (the before-images of the rows it changes, as SQL) would"
                                + " be larger than the execution ledger records for one statement (16 MB; the"
                                + " target's max_allowed_packet may allow less): the executor refuses it when it runs,"
                                + " after the approvals. Estimated from the rows EXPLAIN or COUNT(*) gives and the"
                                + " table's average row length, which may be far off either way. Needs a target"
                                + " instance.",
                        "Split the change into statements over key ranges, each with fewer rows.",
                        ExecutionRules::rollbackSize));
    }

    /**
     * Reports an UPDATE or DELETE whose rollback SQL would outgrow what the ledger records for one statement: a
     * DELETE's inverse writes every column of each row back, an UPDATE's the columns it sets, twice (the value to
     * put back and the guard on the value it left).
     */
    private static void rollbackSize(Stmt s, ReviewRun run, Rule.Violations v) {
        Written w = written(s, run);
        if (w == null || s.rows == null || s.rows.rows() <= 0 || w.event() == MysqlTriggers.Event.INSERT) {
            return;
        }
        var table = run.schema.table(w.table().database(), w.table().table());
        if (table == null || table.averageRowBytes <= 0 || table.columns.isEmpty()) {
            return;
        }
        // InnoDB's average row length counts its pages' free space: a row's data is about half of it, or more (a
        // low estimate, so that the warning is rarely wrong)
        long data = table.averageRowBytes / 2;
        int columns = table.columns.size();
        long perRow;
        if (s.ast instanceof SQLUpdateStatement u) {
            // the value put back (the column's share of the row) and the guard on the value the statement leaves
            perRow = 40 + w.table().table().length();
            for (var item : u.getItems()) {
                long before = data / columns;
                long after = item.getValue() instanceof com.alibaba.druid.sql.ast.expr.SQLTextLiteralExpr text
                        ? text.getText().length() : item.getValue() instanceof com.alibaba.druid.sql.ast.expr
                        .SQLNumericLiteralExpr ? 20 : before;
                perRow += before + after + 2L * String.valueOf(item.getColumn()).length() + 60;
            }
        } else {
            long names = table.columns.values().stream().mapToLong(c -> c.name().length() + 4).sum();
            perRow = data + names + 30 + 3L * columns + w.table().table().length();
        }
        long bytes = s.rows.rows() * perRow;
        if (bytes > StatementSupport.MAX_ROLLBACK_SQL_BYTES) {
            v.report(String.format(Locale.ROOT, "This %s's rollback SQL would be about %.0f MB (%s%d rows of about %d"
                    + " bytes as SQL, from the table's average row length): more than the execution ledger records for"
                    + " one statement (%.0f MB), so the executor would refuse it when it runs.", s.kind,
                    bytes / 1048576.0, s.rows.kind() == RowEstimate.Kind.EXACT ? "" : "an estimated ", s.rows.rows(),
                    perRow, StatementSupport.MAX_ROLLBACK_SQL_BYTES / 1048576.0), w.table().table());
        }
    }

    /** Reports an UPDATE or DELETE whose rows, as estimated or counted, exceed the executor's limit. */
    private static void maxRows(Stmt s, ReviewRun run, Rule.Violations v) {
        if (s.refusal == null && s.rows != null && s.rows.rows() > run.maxRowsPerStatement
                && (s.ast instanceof SQLUpdateStatement || s.ast instanceof SQLDeleteStatement)) {
            v.report("This " + s.kind + " changes " + (s.rows.kind() == RowEstimate.Kind.EXACT ? "exactly "
                    : "an estimated ") + s.rows.rows() + " rows (" + s.rows.source() + "): the executor refuses a"
                    + " statement that changes more than " + run.maxRowsPerStatement + " when it runs.");
        }
    }

    /** Reports a written table whose columns the account may only partly read, as the executor would refuse it. */
    private static void hiddenColumns(Stmt s, ReviewRun run, Rule.Violations v) {
        Written w = written(s, run);
        if (w != null && run.schema.hidesColumns(w.table().database(), w.table().table())) {
            v.report("The executor refuses this statement: " + MysqlColumnAccess.refusal(w.table().database(),
                    w.table().table()) + ".", w.table().table());
        }
    }

    /** Engines that undo a statement; the executor asks the server, the review knows these. */
    private static final java.util.Set<String> TRANSACTIONAL = java.util.Set.of("innodb", "rocksdb", "tokudb");

    /** Reports a DML statement on a table whose engine cannot undo it, as the executor would refuse it. */
    private static void nonTransactional(Stmt s, ReviewRun run, Rule.Violations v) {
        Written w = written(s, run);
        SchemaState.Table shape = w == null ? null : run.schema.table(w.table().database(), w.table().table());
        if (shape != null && shape.engine != null && !TRANSACTIONAL.contains(shape.engine.toLowerCase(Locale.ROOT))) {
            v.report("The table " + w.table().table() + " is stored by " + shape.engine + ", which cannot undo a"
                    + " statement: the executor refuses this statement when it runs.", w.table().table());
        }
    }

    /** Reports the first stored function a DML statement calls, as the executor would refuse it. */
    private static void storedFunction(Stmt s, ReviewRun run, Rule.Violations v) {
        if (s.refusal != null || s.ast == null || !run.schema.hasTarget() || written(s, run) == null) {
            return;
        }
        List<MysqlRoutines.Call> calls = StatementSupport.calls(s.ast);
        java.util.Set<String> stored = run.schema.storedFunctions(run.currentDatabase, calls);
        calls.stream().filter(c -> stored.contains(c.key(run.currentDatabase))).findFirst()
                .ifPresent(c -> v.report("This statement calls the stored function " + c.name() + "(): the executor"
                        + " refuses it, as what the function reads and writes is beyond the before-images."));
    }

    /** The statement's event and written table, for an INSERT, UPDATE or DELETE of one table; else null. */
    private record Written(MysqlTriggers.Event event, Sql.TableRef table) {
    }

    private static Written written(Stmt s, ReviewRun run) {
        if (s.refusal != null) {
            return null;
        }
        MysqlTriggers.Event event;
        SQLTableSource source;
        if (s.ast instanceof SQLInsertStatement i) {
            event = MysqlTriggers.Event.INSERT;
            source = i.getTableSource();
        } else if (s.ast instanceof SQLUpdateStatement u) {
            event = MysqlTriggers.Event.UPDATE;
            source = u.getTableSource();
        } else if (s.ast instanceof SQLDeleteStatement d) {
            event = MysqlTriggers.Event.DELETE;
            source = d.getTableSource();
        } else {
            return null;
        }
        Sql.TableRef table = source instanceof SQLExprTableSource t ? run.table(t) : null;
        return table == null ? null : new Written(event, table);
    }

    /** Reports a trigger of the statement's event that would make the executor refuse it. */
    private static void triggerChangesRows(Stmt s, ReviewRun run, Rule.Violations v) {
        Written w = written(s, run);
        if (w == null) {
            return;
        }
        MysqlTriggers.changingOtherRows(run.schema.triggers(w.table().database(), w.table().table()), w.event())
                .ifPresent(t -> v.report("This " + w.event() + " fires " + t.describe() + ": those rows would get no"
                        + " before-image, so the executor refuses it" + (w.event() == MysqlTriggers.Event.INSERT ? ""
                        : " if it changes any row") + ".", w.table().table()));
    }

    /** Reports triggers that insert elsewhere, and those of the rollback's event that change other rows. */
    private static void triggerSideEffects(Stmt s, ReviewRun run, Rule.Violations v) {
        Written w = written(s, run);
        if (w == null) {
            return;
        }
        for (MysqlTriggers.Trigger t : run.schema.triggers(w.table().database(), w.table().table())) {
            if (t.event() == w.event() && t.writes() == MysqlTriggers.Writes.INSERTS_ELSEWHERE) {
                v.report("This " + w.event() + " fires " + t.describe() + ": a rollback leaves those rows.",
                        w.table().table());
            } else if (w.event() != MysqlTriggers.Event.UPDATE && t.event() == w.event().inverse()
                    && t.writes() == MysqlTriggers.Writes.CHANGES_OTHER_ROWS) {
                v.report("Its rollback (" + t.event() + ") would fire " + t.describe() + ": Tollgate refuses to roll"
                        + " these rows back while the trigger is there.", w.table().table());
            }
        }
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
                        + (r.isUnseen() ? " refuses it if it changes any row, as it cannot check which rows point at"
                        + " them." : " refuses it if any row it changes is still referenced when it runs."),
                        table.table());
            }
        }
    }

    /** Why the executor would refuse the statement, judged before its schema effects apply; null when it runs it. */
    public static StatementSupport.Refusal refusal(Stmt s, ReviewRun run) {
        StatementSupport.Refusal ledger = run.ledger.refusal(s.sql, run.currentDatabase)
                .or(() -> StatementSupport.readOtherwise(s.sql)).orElse(null);
        if (ledger != null || s.ast == null) {
            return ledger;
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
