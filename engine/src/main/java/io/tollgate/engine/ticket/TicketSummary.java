package io.tollgate.engine.ticket;

import java.time.Instant;

/** A ticket as a list row; {@code stuckStep} names a step out of retries, null while none is (ADR 0052). */
public record TicketSummary(String id, String title, String instance, String database, String submitter,
                            TicketStatus status, String risk, ExecutionMode mode, Instant scheduledAt,
                            Instant submittedAt, Instant updatedAt, String stuckStep) {
}
