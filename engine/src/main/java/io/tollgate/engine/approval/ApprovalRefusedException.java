package io.tollgate.engine.approval;

/**
 * The approval policy's one refusal: a decision that may not be taken, or a step that may not run because the
 * approvals Tollgate recorded do not allow it. The REST API answers it with 403 and the message.
 */
public class ApprovalRefusedException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** Nobody in particular decided (no signed-in user, no assignee). */
        NO_DECIDER,
        /** The requester decided on their own ticket or change (four eyes). */
        REQUESTER,
        /** The decider is not eligible for the step (not a member of its group, not one of its people). */
        NOT_ELIGIBLE,
        /** The decider already decided another step of the same round: each step needs a different person. */
        SAME_PERSON,
        /** The step is not one this ticket or change needs, or the task is not an approval Tollgate knows. */
        UNKNOWN_STEP,
        /** A required approval was never recorded, or was rejected, or was for other content. */
        NOT_APPROVED,
        /** Approved for a later time: a scheduled ticket before its recorded time. */
        NOT_YET
    }

    private final Reason reason;

    public ApprovalRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
