package io.tollgate.engine.review;

/** How a rule's violations count: an error blocks a ticket, a warning is shown, off skips the rule. */
public enum RuleLevel {
    ERROR, WARNING, OFF
}
