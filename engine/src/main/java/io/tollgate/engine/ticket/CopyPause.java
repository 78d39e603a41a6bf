package io.tollgate.engine.ticket;

/**
 * Where a DBA's pause of a running online schema change stands. The copy waits between chunks while paused
 * (pt-online-schema-change's triggers keep the new table current meanwhile); once resumed, the tool goes on within a
 * minute (it looks at its pause file once a minute).
 */
public enum CopyPause {
    /** Not paused. */
    NONE,
    /** A DBA asked for a pause; the copy stops before its next chunk. */
    PAUSING,
    /** The copy waits until a DBA resumes it (or aborts it). */
    PAUSED,
    /** A DBA resumed it; the executing node has not lifted the pause yet (at its next poll). */
    RESUMING
}
