package io.tollgate.engine.ticket;

import java.time.Instant;
import java.util.List;

import io.tollgate.integrations.mysql.execution.RowConflict;

/**
 * A ticket with everything its detail page shows: the SQL, the review's findings and risk, the audit trail (oldest
 * first), the last execution's and rollback's per-statement results, and the recorded rollback SQL. {@code failure}
 * says why the last execution or rollback stopped, while a DBA decides. {@code progress} is the running online schema
 * change's progress (0–100), or null. {@code affectedRows} is what the review found the DML statements change
 * (null before a review and for a ticket without DML). {@code conflicts} are the rows the last rollback found changed since the
 * ticket executed (before / after / now; the first 1000 of {@code conflictCount}); the rollback then changed nothing.
 * {@code findings} are the first {@link Tickets#FIRST_ROWS} of {@code findingCount} (the rest a page at a time,
 * {@link Tickets#findings}); {@code findingSummary} counts them all per rule and level. Likewise {@code execution},
 * {@code rollback} and {@code rollbackSql} are the first {@link Tickets#FIRST_ROWS} of {@code executionCount},
 * {@code rollbackCount} and {@code rollbackSqlCount} (issue 13: bounded memory for any ticket). {@code requestedReviewer}
 * is the reviewer the submitter asked for, or null. {@code copyPause} says whether a DBA paused the running online
 * schema change. {@code stuckStep} is the step of the ticket's process that ran out of retries, with
 * {@code stuckReason} its last failure; null while nothing is stuck (ADR 0052). {@code rollbackLeft} counts the
 * conflicting changes a completed rollback left as they are by a DBA's choice ("roll back the other rows only", or
 * Force on rows nothing forces): a ROLLED_BACK ticket with more than 0 was rolled back in part. {@code suspended}
 * says that an admin suspended the ticket's process, or the job its step waits on (a job definition), in the
 * engine (Cockpit): nothing of it moves (no review, approval, run or rollback) until an admin activates it.
 */
public record TicketRecord(String id, String title, String instance, String database, String sql, String reason,
                           String submitter, ExecutionMode mode, Instant scheduledAt, TicketStatus status,
                           String risk, int statementCount, AffectedRows affectedRows, List<TicketFinding> findings,
                           List<TicketEvent> trail,
                           List<StatementResult> execution, List<StatementResult> rollback,
                           List<RollbackStep> rollbackSql, String failure, Double progress,
                           Instant submittedAt, Instant updatedAt, List<RowConflict> conflicts,
                           int conflictCount, int findingCount, List<FindingCount> findingSummary,
                           int executionCount, int rollbackCount, int rollbackSqlCount, String requestedReviewer,
                           CopyPause copyPause, String stuckStep, String stuckReason, long rollbackLeft,
                           boolean suspended) {

    public TicketRecord {
        findings = List.copyOf(findings);
        trail = List.copyOf(trail);
        execution = List.copyOf(execution);
        rollback = List.copyOf(rollback);
        rollbackSql = List.copyOf(rollbackSql);
        conflicts = List.copyOf(conflicts);
        findingSummary = List.copyOf(findingSummary);
    }

    /** The ticket without the row values its rollback SQL holds, for whoever may not read before-images. */
    public TicketRecord withoutBeforeImages() {
        return new TicketRecord(id, title, instance, database, sql, reason, submitter, mode, scheduledAt, status, risk,
                statementCount, affectedRows, findings, trail, execution, rollback, List.of(), failure, progress, submittedAt,
                updatedAt, List.of(), conflictCount, findingCount, findingSummary, executionCount, rollbackCount, 0,
                requestedReviewer, copyPause, stuckStep, stuckReason, rollbackLeft, suspended);
    }

    /**
     * The ticket without its rollback steps, which are read a page at a time where each read is recorded
     * ({@code GET /api/v1/tickets/{id}/rollback-sql}); their count and the conflicts stay.
     */
    public TicketRecord withoutRollbackSteps() {
        return new TicketRecord(id, title, instance, database, sql, reason, submitter, mode, scheduledAt, status, risk,
                statementCount, affectedRows, findings, trail, execution, rollback, List.of(), failure, progress, submittedAt,
                updatedAt, conflicts, conflictCount, findingCount, findingSummary, executionCount, rollbackCount,
                rollbackSqlCount, requestedReviewer, copyPause, stuckStep, stuckReason, rollbackLeft, suspended);
    }

    public TicketSummary summary() {
        return new TicketSummary(id, title, instance, database, submitter, status, risk, mode, scheduledAt,
                submittedAt, updatedAt, stuckStep);
    }
}
