package io.tollgate.engine.servicetree;

/** Where a service-tree change stands, as mirrored in the {@code service_tree_change} table. */
public enum ChangeStatus {
    /** Validated, waiting for the owners (and an SRE when critical). */
    PENDING_APPROVAL,
    /** Broke a rule of the tree; never offered for approval. */
    REFUSED_INVALID,
    REJECTED,
    /** Approved, waiting for the apply job. */
    APPROVED,
    /** The tree changed since the validation: waiting for the requester to re-validate or withdraw. */
    CONFLICT,
    APPLIED,
    WITHDRAWN,
    /** Not decided in time. */
    EXPIRED
}
