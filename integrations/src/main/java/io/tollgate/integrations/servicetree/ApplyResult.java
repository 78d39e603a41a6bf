package io.tollgate.integrations.servicetree;

import java.time.Instant;

/**
 * How an apply ended.
 *
 * @param changeId  the change's idempotency key
 * @param outcome   applied, or a conflict with what changed since the validation
 * @param replayed  true when the change had already been applied by an earlier call: this is that call's result
 * @param appliedAt when it was applied ({@code null} for a conflict)
 * @param message   for a conflict, what to tell the requester
 */
public record ApplyResult(String changeId, Outcome outcome, boolean replayed, Instant appliedAt, String message) {

    public enum Outcome {
        APPLIED,
        /** The tree changed since the validation (a version or existence check failed): re-validate or withdraw. */
        CONFLICT
    }

    public boolean applied() {
        return outcome == Outcome.APPLIED;
    }

    ApplyResult asReplay() {
        return new ApplyResult(changeId, outcome, true, appliedAt, message);
    }
}
