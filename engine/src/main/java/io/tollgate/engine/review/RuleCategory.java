package io.tollgate.engine.review;

/** Groups of rules, as shown in the rule catalogue and the settings view. */
public enum RuleCategory {
    STATEMENT, TABLE, COLUMN, INDEX, NAMING, DANGER, ONLINE, TARGET, EXECUTION
}
