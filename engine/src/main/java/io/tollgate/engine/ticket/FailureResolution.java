package io.tollgate.engine.ticket;

/**
 * What a DBA decides after a failed execution (RETRY, ROLL_BACK, CLOSE) or a failed rollback (RETRY, CLOSE, and
 * after conflicts ROLL_BACK_WITHOUT_CONFLICTS or FORCE_ROLLBACK).
 */
public enum FailureResolution {
    /** Run again what did not complete: the remaining statements, or the rest of the rollback. */
    RETRY,
    /** Roll back the statements that completed (after a failed execution only). */
    ROLL_BACK,
    /** Close the ticket as failed. */
    CLOSE,
    /** Roll back again, leaving each row that changed since the ticket executed as it is now (after a rollback). */
    ROLL_BACK_WITHOUT_CONFLICTS,
    /** Roll back again, overwriting what changed since the ticket executed; needs a comment (after a rollback). */
    FORCE_ROLLBACK;

    /** Only after a failed rollback. */
    public boolean afterRollbackOnly() {
        return this == ROLL_BACK_WITHOUT_CONFLICTS || this == FORCE_ROLLBACK;
    }
}
