package io.tollgate.engine.ticket;

/** When an approved ticket executes. */
public enum ExecutionMode {
    /** As soon as the last approval is given. */
    AFTER_APPROVAL,
    /** At the ticket's scheduled time (at once if that time has passed when it is approved). */
    SCHEDULED,
    /** When the submitter presses Execute. */
    MANUAL
}
