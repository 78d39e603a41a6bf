package io.tollgate.engine.servicetree;

import java.util.List;

/**
 * Where a change stands right after it was requested or re-validated.
 *
 * @param changeId   the change
 * @param status     {@link ChangeStatus#PENDING_APPROVAL} when valid, {@link ChangeStatus#REFUSED_INVALID} when not
 * @param violations why it was refused, in plain words
 */
public record RequestOutcome(String changeId, ChangeStatus status, List<String> violations) {

    public RequestOutcome {
        violations = List.copyOf(violations);
    }

    public boolean accepted() {
        return violations.isEmpty() && status != ChangeStatus.REFUSED_INVALID;
    }
}
