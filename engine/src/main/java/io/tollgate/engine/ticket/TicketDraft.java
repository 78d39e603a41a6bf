package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * What a submitter fills in. {@code scheduledAt} is required for, and only used by, {@link ExecutionMode#SCHEDULED}.
 * Validation happens in {@link Tickets#submit}, which lists every problem at once.
 */
public record TicketDraft(String title, String instance, String database, String sql, String reason,
                          ExecutionMode mode, Instant scheduledAt) {

    /** The longest title, in characters. */
    public static final int MAX_TITLE = 200;
    /** The longest reason, in characters: a ticket's, and a rollback request's. */
    public static final int MAX_REASON = 2000;
}
