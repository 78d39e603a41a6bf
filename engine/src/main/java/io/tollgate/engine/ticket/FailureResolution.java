package io.tollgate.engine.ticket;

/** What a DBA decides after a failed execution (all three) or a failed rollback (RETRY or CLOSE). */
public enum FailureResolution {
    /** Run again what did not complete: the remaining statements, or the rest of the rollback. */
    RETRY,
    /** Roll back the statements that completed (after a failed execution only). */
    ROLL_BACK,
    /** Close the ticket as failed. */
    CLOSE
}
