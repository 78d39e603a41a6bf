package io.tollgate.engine.tasklist;

/** A claim or unclaim the tasklist refuses; the message says why, for the person who tried. */
public class TaskClaimException extends RuntimeException {

    /** Why it was refused. */
    public enum Reason {
        /** The task is no longer open: completed, withdrawn or deleted. */
        GONE,
        /** Someone else has claimed it. */
        CLAIMED_BY_OTHER,
        /** It is not offered to the person, by name or through one of their groups. */
        NOT_OFFERED,
        /** Four eyes: it is the approval of a ticket or change the person submitted or requested. */
        OWN_REQUEST,
        /**
         * The approval policy would refuse the person's decision (they gave another step of it, it was rejected, their
         * role does not hold the step), whatever the task's candidates say.
         */
        NOT_ELIGIBLE,
        /** Unclaim by someone who is neither its assignee nor an admin. */
        NOT_ASSIGNEE,
        /** Unclaim of a task the process assigns to one person (no group or candidate to hand it back to). */
        ASSIGNED_BY_PROCESS
    }

    private final Reason reason;

    public TaskClaimException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
