package io.tollgate.engine.review.internal.rules;

import io.tollgate.engine.review.RuleCategory;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.review.internal.statement.ReviewRun;
import io.tollgate.engine.review.internal.statement.Stmt;

/**
 * One review rule: a stable id, where it belongs, how strict it is by default, and what it checks.
 * The message of a finding is the violation's detail followed by {@link #fix()}.
 */
public final class Rule {

    @FunctionalInterface
    public interface Check {
        void check(Stmt statement, ReviewRun run, Violations violations);
    }

    /** Where a rule reports: knows the rule, the statement and how to locate a name in its text. */
    public interface Violations {
        /** Reports at the statement's start. */
        void report(String detail);

        /** Reports at the first occurrence of {@code near} in the statement (case-insensitive), else at its start. */
        void report(String detail, String near);
    }

    private final String id;
    private final RuleCategory category;
    private final RuleLevel defaultLevel;
    private final String description;
    private final String fix;
    private final Check check;
    private final Scope scope;

    /** Which statements a rule can report on; the reviewer skips the rule for the others. */
    enum Scope {
        /** Schema statements: CREATE/ALTER/DROP/RENAME/TRUNCATE of tables, indexes, views, databases. */
        DDL,
        /** INSERT, UPDATE, DELETE, REPLACE and SELECT. */
        DML_OR_QUERY,
        /** Statements that are neither (LOCK, GRANT, transaction control, routines, SET...). */
        OTHER,
        ANY,
        /** Reported by the reviewer itself (syntax, reachability, script-wide facts), never run per statement. */
        REVIEWER
    }

    /** Rules that the reviewer reports itself, and rules that only concern DML/queries or other statements. */
    private static final java.util.Set<String> REVIEWER = java.util.Set.of("stmt.syntax-error", "stmt.mixed-ddl-dml", "target.unreachable");
    private static final java.util.Set<String> OTHER = java.util.Set.of("stmt.lock-tables", "stmt.transaction-control",
            "stmt.privilege-change", "stmt.stored-routine");
    private static final java.util.Set<String> ANY = java.util.Set.of("stmt.cross-database", "stmt.irreversible",
            ExecutionRules.REFUSED);
    /** Rules whose level admins cannot change: lowering them would let tickets pass review that cannot execute. */
    private static final java.util.Set<String> FIXED = java.util.Set.of(ExecutionRules.REFUSED);

    Rule(String id, RuleCategory category, RuleLevel defaultLevel, String description, String fix, Check check) {
        this.id = id;
        this.category = category;
        this.defaultLevel = defaultLevel;
        this.description = description;
        this.fix = fix;
        this.check = check;
        this.scope = scopeOf(id, category);
    }

    private static Scope scopeOf(String id, RuleCategory category) {
        if (REVIEWER.contains(id)) {
            return Scope.REVIEWER;
        }
        if (OTHER.contains(id)) {
            return Scope.OTHER;
        }
        if (ANY.contains(id)) {
            return Scope.ANY;
        }
        // the executor's rules other than its refusal (in ANY) look at what DML does to rows
        if (category == RuleCategory.STATEMENT || category == RuleCategory.EXECUTION
                || id.equals("target.explain-error")) {
            return Scope.DML_OR_QUERY;
        }
        // table, column, index, naming, danger and online rules look at schema statements; target rules at all
        return category == RuleCategory.TARGET ? Scope.ANY : Scope.DDL;
    }

    /**
     * Whether the rule can report anything on statements of the given class (0 = DDL, 1 = DML or query,
     * 2 = other, see {@link Stmt#statementClass()}); the reviewer skips it when not.
     */
    public boolean appliesTo(int statementClass) {
        return switch (scope) {
            case ANY -> true;
            case DDL -> statementClass == 0;
            case DML_OR_QUERY -> statementClass == 1;
            case OTHER -> statementClass == 2;
            case REVIEWER -> false;
        };
    }

    public String id() {
        return id;
    }

    public RuleCategory category() {
        return category;
    }

    public RuleLevel defaultLevel() {
        return defaultLevel;
    }

    public String description() {
        return description;
    }

    public String fix() {
        return fix;
    }

    public Check check() {
        return check;
    }

    /** Whether the rule always runs at its default level, whatever the settings say. */
    public boolean fixedLevel() {
        return FIXED.contains(id);
    }
}
