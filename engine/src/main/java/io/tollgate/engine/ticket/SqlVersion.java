package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * One version of a ticket's SQL, oldest first: each a resubmission replaced, then the current one ({@code current},
 * with no {@code replacedBy} or {@code replacedAt}). {@code sqlSha256} is the hash the trail's entries of that version
 * name; the text is read by its number ({@link Tickets#sqlVersionText}).
 */
public record SqlVersion(int version, String sqlSha256, int statementCount, String replacedBy, Instant replacedAt,
                         boolean current) {
}
