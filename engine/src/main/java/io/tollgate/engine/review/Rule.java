package io.tollgate.engine.review;

/**
 * One review rule: a stable id, where it belongs, how strict it is by default, and what it checks.
 * The message of a finding is the violation's detail followed by {@link #fix()}.
 */
final class Rule {

    @FunctionalInterface
    interface Check {
        void check(Stmt statement, ReviewRun run, Violations violations);
    }

    /** Where a rule reports: knows the rule, the statement and how to locate a name in its text. */
    interface Violations {
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
    private final boolean ddlOnly;

    Rule(String id, RuleCategory category, RuleLevel defaultLevel, String description, String fix, Check check) {
        this.id = id;
        this.category = category;
        this.defaultLevel = defaultLevel;
        this.description = description;
        this.fix = fix;
        this.check = check;
        // table, column, index, naming, danger and online-schema-change rules only ever look at schema statements
        this.ddlOnly = category != RuleCategory.STATEMENT && category != RuleCategory.TARGET;
    }

    /** True when the rule can only report on DDL statements, so the reviewer skips it for the others. */
    boolean ddlOnly() {
        return ddlOnly;
    }

    String id() {
        return id;
    }

    RuleCategory category() {
        return category;
    }

    RuleLevel defaultLevel() {
        return defaultLevel;
    }

    String description() {
        return description;
    }

    String fix() {
        return fix;
    }

    Check check() {
        return check;
    }
}
