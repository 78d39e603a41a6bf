package io.tollgate.engine.ticket;

/** Where a ticket stands, as mirrored from its process. */
public enum TicketStatus {
    /** Submitted; the auto review runs. */
    REVIEWING(false),
    /** The auto review found errors; the submitter fixes and resubmits, or withdraws. */
    REVIEW_FAILED(false),
    /** Waiting for the reviewer group (or, after it, a DBA). */
    AWAITING_APPROVAL(false),
    /** Approved; waiting for its scheduled time. */
    SCHEDULED(false),
    /** Approved; waiting for the submitter to press Execute. */
    AWAITING_EXECUTION(false),
    /** Approved and queued, or executing now. */
    EXECUTING(false),
    /** A statement failed or the target refused; a DBA decides. */
    EXECUTION_FAILED(false),
    /** Every statement executed. The submitter may request a rollback for a while. */
    EXECUTED(true),
    /** The submitter asked to roll back; waiting for approval. */
    ROLLBACK_REQUESTED(false),
    /** Rolling back. */
    ROLLING_BACK(false),
    /** The rollback stopped; a DBA decides. */
    ROLLBACK_FAILED(false),
    /** What ran was rolled back. */
    ROLLED_BACK(true),
    /** Rejected by a reviewer or DBA. */
    REJECTED(true),
    /** Withdrawn by the submitter. */
    WITHDRAWN(true),
    /** Closed by a DBA after a failure. */
    CLOSED_FAILED(true);

    /**
     * Where a ticket waits before anything of it ran (its review, approvals, schedule or Execute): what its withdrawal
     * ends, and where a process an admin ended starts anew at the review (ADR 0060).
     */
    public static final java.util.Set<TicketStatus> BEFORE_A_RUN = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(REVIEWING, REVIEW_FAILED, AWAITING_APPROVAL, SCHEDULED, AWAITING_EXECUTION));

    private final boolean finished;

    TicketStatus(boolean finished) {
        this.finished = finished;
    }

    /** True when nothing more happens to the ticket without a new request (EXECUTED still allows a rollback). */
    public boolean finished() {
        return finished;
    }
}
