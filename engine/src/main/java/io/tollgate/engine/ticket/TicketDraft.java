package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * What a submitter fills in. {@code scheduledAt} is required for, and only used by, {@link ExecutionMode#SCHEDULED}.
 * Validation happens in {@link Tickets#submit}, which lists every problem at once.
 */
public record TicketDraft(String title, String instance, String database, String sql, String reason,
                          ExecutionMode mode, Instant scheduledAt) {
}
