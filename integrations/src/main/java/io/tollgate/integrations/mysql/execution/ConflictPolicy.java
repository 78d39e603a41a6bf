package io.tollgate.integrations.mysql.execution;

/** What a rollback does with a row that changed since the ticket executed (a conflict). */
public enum ConflictPolicy {
    /** Change nothing at all when any row conflicts: list the conflicts for a DBA (the default). */
    STOP,
    /** Restore the rows without conflict; leave each conflicting row as it is now. */
    SKIP_CONFLICTS,
    /** Restore every row, overwriting what changed since (a DBA's decision, with a comment, in the trail). */
    FORCE
}
