package io.tollgate.engine.servicetree;

import java.time.Instant;
import java.util.List;

/**
 * A service-tree change as audited.
 *
 * @param changeId      the change id (also the process's business key)
 * @param kind          the change's kind, e.g. {@code move}
 * @param nodeId        the node the change is about (the parent for a create)
 * @param subjectNodeId the node changed (for a create, the new node's id once validated)
 * @param nodePath      the node's path when validated
 * @param changeJson    the requested change as JSON
 * @param diff          the unified diff the approvers saw
 * @param beforeJson    the changed nodes before, as verified after the apply (JSON)
 * @param afterJson     the changed nodes after, read back after the apply (JSON)
 * @param versionsJson  the znode versions read back after the apply (JSON)
 * @param events        what happened, oldest first
 * @param stuckStep     the step of the change's process that ran out of retries, or null (ADR 0052)
 * @param stuckReason   why its last try failed, or null
 */
public record ChangeRecord(String changeId, String kind, long nodeId, Long subjectNodeId, String nodePath,
                           String requester, String reason, ChangeStatus status, boolean critical,
                           String changeJson, String diff, String beforeJson, String afterJson, String versionsJson,
                           Instant requestedAt, Instant updatedAt, Instant appliedAt, List<Event> events,
                           String stuckStep, String stuckReason) {

    public ChangeRecord {
        events = List.copyOf(events);
    }

    /**
     * One step of the change's life.
     *
     * @param actor  who did it (a user), or {@code null} for the system
     * @param remark the actor's comment or a short explanation
     * @param detail more, e.g. the violations or what conflicted
     */
    public record Event(ChangeEventType type, String actor, String remark, String detail, Instant occurredAt) {
    }
}
