package io.tollgate.engine.approval;

import java.time.Instant;
import java.util.Set;

/** A decision as Tollgate recorded it: who, with which groups at that moment, on which content, when. */
public record RecordedDecision(String step, String decider, Set<String> deciderGroups, boolean approved,
                               String contentHash, String comment, Instant decidedAt) {
}
