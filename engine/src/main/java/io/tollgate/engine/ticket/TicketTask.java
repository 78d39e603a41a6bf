package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * A user task of a ticket that a person may work on: approve (or reject) it or its rollback, fix it after a failed
 * review, press Execute, or decide after a failed execution or rollback. {@code assignee} is null while unclaimed.
 */
public record TicketTask(String taskId, Kind kind, String taskName, String assignee, Instant created,
                         TicketSummary ticket) {

    public enum Kind { APPROVAL, DBA_APPROVAL, ROLLBACK_APPROVAL, FIX, CONFIRM_EXECUTION, RESOLVE_FAILURE,
        RESOLVE_ROLLBACK_FAILURE }
}
