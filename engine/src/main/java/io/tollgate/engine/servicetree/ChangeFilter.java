package io.tollgate.engine.servicetree;

import java.util.Set;

/**
 * Which service-tree changes to list, newest first; an empty or null field matches all.
 *
 * @param statuses  the statuses to keep
 * @param requester only this person's changes
 * @param stuckOnly only changes a step of which ran out of retries and waits for an SRE (ADR 0052)
 * @param limit     at most this many rows, 1 to {@value #MAX_LIMIT}
 */
public record ChangeFilter(Set<ChangeStatus> statuses, String requester, boolean stuckOnly, int limit) {

    public static final int MAX_LIMIT = 500;

    public ChangeFilter {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        requester = requester == null || requester.isBlank() ? null : requester.strip();
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
    }
}
