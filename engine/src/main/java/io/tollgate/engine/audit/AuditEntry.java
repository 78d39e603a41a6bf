package io.tollgate.engine.audit;

import java.time.Instant;

/** One entry of the trail as auditors read it; {@code seq} and {@code entryHash} are null until it is sealed. */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorRoles, String sourceAddress,
                         String kind, String subjectType, String subjectId, String summary, String payload,
                         Long seq, String prevHash, String entryHash) {
}
