package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * What a submitter fills in. {@code scheduledAt} is required for, and only used by, {@link ExecutionMode#SCHEDULED}.
 * {@code reviewer}, optional, is the person the submitter asks to review it (one of {@link Tickets#reviewersFor}):
 * the reviewer approval is assigned to them if the approval policy lets them take it when it is created, else it
 * stays offered to the instance's reviewers. Validation happens in {@link Tickets#submit}, which lists every problem
 * at once.
 */
public record TicketDraft(String title, String instance, String database, String sql, String reason,
                          ExecutionMode mode, Instant scheduledAt, String reviewer) {

    /** A draft that asks for no reviewer in particular. */
    public TicketDraft(String title, String instance, String database, String sql, String reason, ExecutionMode mode,
                       Instant scheduledAt) {
        this(title, instance, database, sql, reason, mode, scheduledAt, null);
    }

    /** The longest title, in characters. */
    public static final int MAX_TITLE = 200;
    /** The longest reason, in characters: a ticket's, and a rollback request's. */
    public static final int MAX_REASON = 2000;
    /** How far ahead a ticket may be scheduled: a change window within a year (and a time its timer can hold). */
    public static final java.time.Duration MAX_SCHEDULED_AHEAD = java.time.Duration.ofDays(366);
}
