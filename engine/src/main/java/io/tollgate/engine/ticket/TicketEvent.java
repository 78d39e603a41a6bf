package io.tollgate.engine.ticket;

import java.time.Instant;

/**
 * One entry of a ticket's audit trail: who did what when ({@code actor} is {@code system} for Tollgate's own steps),
 * with a comment or detail where there is one.
 */
public record TicketEvent(Instant at, String actor, Type type, String detail) {

    public enum Type {
        SUBMITTED, REVIEW_PASSED, REVIEW_FAILED, RESUBMITTED, APPROVED, REJECTED, WITHDRAWN, EXECUTION_REQUESTED,
        EXECUTED, EXECUTION_FAILED, RETRY_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_APPROVED, ROLLBACK_REJECTED,
        ROLLED_BACK, ROLLBACK_FAILED, CLOSED, ABORT_REQUESTED,
        /** An execute or rollback attempt found another run of the ticket still going and ran nothing. */
        EXECUTION_DEFERRED,
        /**
         * The review asked for a DBA's approval the deployed routing decision did not: a high-risk script or DDL on
         * production always needs one (ADR 0059); the detail says which and what the decision answered.
         */
        DBA_APPROVAL_ENFORCED,
        /** The gate found the approvals Tollgate recorded do not allow the execution or rollback; nothing ran. */
        EXECUTION_REFUSED,
        /** A rollback found rows changed since the ticket executed and changed nothing; a DBA decides. */
        ROLLBACK_CONFLICT,
        /** A DBA had the rollback leave the conflicting rows as they are and restore the rest. */
        ROLLBACK_CONFLICTS_SKIPPED,
        /** A DBA had the rollback overwrite the conflicting rows too (with a comment). */
        ROLLBACK_FORCED,
        /**
         * The node running the execution stopped (its job still locked, its lock on the target gone): where it got
         * to and which node; the job is released so that the next acquisition resumes the run.
         */
        EXECUTION_INTERRUPTED,
        /** A run of the execution started after statement 1, where an earlier run had stopped. */
        EXECUTION_RESUMED,
        /**
         * The node running the rollback stopped (its job still locked, its lock on the target gone): how far it got and
         * which node; the job is released so that the next acquisition resumes the rollback.
         */
        ROLLBACK_INTERRUPTED,
        /** A run of the rollback started after some statements were already undone by an earlier run. */
        ROLLBACK_RESUMED,
        /** A DBA asked to pause the running online schema change between chunks. */
        PAUSE_REQUESTED,
        /** A DBA asked the paused online schema change to go on. */
        RESUME_REQUESTED,
        /** The online schema change said it waits (paused). */
        COPY_PAUSED,
        /** The pause was lifted: the online schema change goes on within a minute. */
        COPY_RESUMED,
        /**
         * A step of Tollgate's own (the review, the execution, the rollback) failed for a reason Tollgate did not
         * foresee and ran out of retries: nothing moves until a DBA retries it (ADR 0052).
         */
        STEP_STUCK,
        /** A DBA (or an admin in Cockpit) gave the stuck step another try. */
        STEP_RETRIED,
        /**
         * The ticket's process was ended in the engine (Cockpit) while the ticket ran or waited for a DBA's decision
         * after a failure: the decision waits again, on a process started anew at it.
         */
        DECISION_REOPENED,
        /**
         * The ticket's process was ended in the engine (Cockpit) before the ticket ran: it is reviewed and approved
         * anew, on a process started anew at its review (approvals given before no longer count); or, for a rollback
         * requested before, its approval waits again.
         */
        PROCESS_RESTARTED
    }
}
