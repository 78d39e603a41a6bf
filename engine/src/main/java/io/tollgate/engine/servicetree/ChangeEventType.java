package io.tollgate.engine.servicetree;

/** A step in a service-tree change's life, as recorded in {@code service_tree_change_event}. */
public enum ChangeEventType {
    REQUESTED, VALIDATED, REFUSED_INVALID, APPROVED, REJECTED, REMINDED, APPLIED, CONFLICT, VERIFIED, WITHDRAWN,
    EXPIRED,
    /** The gate found the approvals Tollgate recorded do not cover the plan to apply; nothing was applied. */
    APPLY_REFUSED,
    /** The node applying the change stopped; the apply was handed to the next node (issue 16). */
    APPLY_INTERRUPTED,
    /** A step (the apply) ran out of retries: nothing moves until an SRE retries it (ADR 0052). */
    STEP_STUCK,
    /** An SRE (or an admin in Cockpit) gave the stuck step another try. */
    STEP_RETRIED,
    /**
     * The change's process was ended in the engine (Cockpit) while the change waited for it: it starts anew, at its
     * validation (approvals given before no longer count), its apply or its requester's decision after a conflict.
     */
    PROCESS_RESTARTED
}
