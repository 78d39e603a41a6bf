package io.tollgate.engine.ticket;

import java.time.Instant;

/** A ticket as a list row. */
public record TicketSummary(String id, String title, String instance, String database, String submitter,
                            TicketStatus status, String risk, ExecutionMode mode, Instant scheduledAt,
                            Instant submittedAt, Instant updatedAt) {
}
