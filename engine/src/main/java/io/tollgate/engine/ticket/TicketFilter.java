package io.tollgate.engine.ticket;

import java.time.Instant;
import java.util.Set;

/**
 * Which tickets to list; every null or empty field matches all. {@code keyword} is searched in the SQL and title,
 * case-insensitively; {@code from} and {@code to} bound the submission time (inclusive, exclusive).
 * {@code limit} caps the rows (newest first); 0 means the default of 500. {@code stuckOnly} keeps the tickets a step
 * of which ran out of retries (ADR 0052).
 */
public record TicketFilter(Set<TicketStatus> statuses, String instance, String submitter, Instant from, Instant to,
                           String keyword, int limit, boolean stuckOnly) {

    public static TicketFilter all() {
        return new TicketFilter(Set.of(), null, null, null, null, null, 0, false);
    }

    public TicketFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }
}
