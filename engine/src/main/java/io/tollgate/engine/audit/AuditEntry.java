package io.tollgate.engine.audit;

import java.time.Instant;

/**
 * One entry of the trail as auditors read it; {@code seq} and {@code entryHash} are null until it is sealed. The
 * instance, database, environment and outcome are what the entry is about (null where nothing), for filtering.
 */
public record AuditEntry(long id, Instant occurredAt, String actor, String actorRoles, String sourceAddress,
                         String kind, String subjectType, String subjectId, String summary, String payload,
                         Long seq, String prevHash, String entryHash,
                         String instanceName, String databaseName, String environment, String outcome) {
}
