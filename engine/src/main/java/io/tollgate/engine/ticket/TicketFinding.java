package io.tollgate.engine.ticket;

/**
 * A review finding of a ticket's SQL, at its position. {@code statement} counts from 1; {@code level} is ERROR or
 * WARNING.
 */
public record TicketFinding(int statement, int line, int column, String ruleId, String level, String message) {
}
