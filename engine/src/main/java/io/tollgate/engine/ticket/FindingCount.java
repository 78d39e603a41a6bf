package io.tollgate.engine.ticket;

/** How many findings of one rule at one level (ERROR or WARNING) a ticket's review found. */
public record FindingCount(String ruleId, String level, int count) {
}
