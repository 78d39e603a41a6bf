package io.tollgate.engine.ticket.internal.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.SqlScripts;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketStatementRows;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.ConflictPolicy;
import io.tollgate.integrations.mysql.execution.ExecutionProgress;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.LedgerMismatchException;
import io.tollgate.integrations.mysql.execution.LedgerSeal;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;
import io.tollgate.integrations.mysql.execution.TicketStillRunningException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Executes a ticket's statements on its target, and rolls them back, through the executor and its ledger on the
 * target: running either twice runs each statement once. Nothing runs unless the gate ({@link TicketApprovals}) finds
 * the approvals Tollgate recorded for exactly this SQL; the process that asked is never trusted for that. Records the per-statement results and the rollback SQL on
 * the ticket; a failure comes back as a message for the DBA (the caller decides what happens next).
 */
@Component
public class TicketExecution {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration ABORT_POLL_EVERY = Duration.ofMillis(500);

    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final TargetInstances instances;
    private final ExecutionSettings settings;
    private final LedgerSeal seal;
    private final Clock clock;
    private final ReviewAgain reviewAgain;

    TicketExecution(TicketJournal journal, TicketApprovals approvals, TargetInstances instances,
                    ExecutionSettings settings, LedgerSeal seal, Clock clock, ReviewAgain reviewAgain) {
        this.reviewAgain = reviewAgain;
        this.journal = journal;
        this.approvals = approvals;
        this.instances = instances;
        this.settings = settings;
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * Where a ticket's execution never comes back to: its run is over, or it ended without one. A process moved to
     * the execution again (an admin's restart or modification in Cockpit) finds the ticket here.
     */
    private static final Set<TicketStatus> BEYOND_EXECUTION = EnumSet.of(TicketStatus.EXECUTED,
            TicketStatus.ROLLBACK_REQUESTED, TicketStatus.ROLLING_BACK, TicketStatus.ROLLBACK_FAILED,
            TicketStatus.ROLLED_BACK, TicketStatus.REJECTED, TicketStatus.WITHDRAWN, TicketStatus.CLOSED_FAILED);

    /**
     * Runs what has not completed yet; returns why it stopped, or empty when every statement completed.
     *
     * @throws TicketNotAllowedException for a ticket {@linkplain #BEYOND_EXECUTION beyond its execution}: nothing
     *                                   runs and nothing of the ticket changes (it became a failure a DBA could then
     *                                   "roll back" without the rollback's review); the job fails into an incident
     */
    @Transactional
    Optional<String> execute(String ticketId) {
        TicketEntry ticket = journal.require(ticketId);
        if (BEYOND_EXECUTION.contains(ticket.status())) {
            throw new TicketNotAllowedException("ticket " + ticketId + " is " + ticket.status().name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": its execution is over, and a process"
                    + " moved to it again (a restart or modification in Cockpit) runs nothing and changes nothing of"
                    + " the ticket; cancel that process instance");
        }
        // one reading of the instance: what the gate compares with the review is where the executor connects
        Optional<TargetInstances.Registered> instance = instances.registered(ticket.instance());
        try {
            // the engine's clock, by which the schedule's timer falls due
            approvals.requireExecutable(ticket, ClockUtil.now().toInstant(), instance);
        } catch (ApprovalRefusedException refused) {
            String failure = TicketApprovals.failure(refused);
            journal.refused(ticketId, false, failure);
            return Optional.of(failure);
        }
        Optional<MysqlTicketExecutor> executor;
        try {
            executor = executor(ticket, instance);
        } catch (TicketNotAllowedException refused) {
            journal.executionFailed(ticketId, List.of(), TicketStatementRows.RollbackSqlPages.NONE, refused.getMessage());
            return Optional.of(refused.getMessage());
        }
        List<String> statements = SqlScripts.statements(ticket.sql());
        if (instance.isPresent() && ReviewAgain.changesColumns(statements) && journal.completedStatements(ticket) == 0) {
            // before the first statement runs: the column changes' review still holds on the target as it is
            Optional<String> stale = reviewAgain.whyNot(ticket, instance.get());
            if (stale.isPresent()) {
                journal.executionFailed(ticketId, List.of(), TicketStatementRows.RollbackSqlPages.NONE, stale.get());
                return stale;
            }
        }
        if (ticket.status() != TicketStatus.EXECUTING || ticket.progress() != null) {
            // committed at once so lists show it while the statements run; a ticket its approval already left
            // executing (and without a progress of an earlier run) shows so already: no transaction of its own
            journal.executing(ticketId);
        }
        try {
            // the report is recorded while the run's connection is still open, to read the rollback SQL on it
            // the statements Tollgate recorded as completed must be DONE in the ledger: none runs twice (ADR 0044)
            // what a DBA asked before the run, as read with the ticket above: an abort of a queued ticket runs nothing
            return executor.orElseThrow().execute(ticketId, ticket.database(), statements, new Progress(ticketId,
                            new TicketJournal.Controls(ticket.abortRequested(), ticket.pauseRequested())),
                    journal.completedStatements(ticket),
                    (report, recordedRollback) -> finished(ticketId, report, rollbackSql(recordedRollback)));
        } catch (TicketStillRunningException e) {
            // not a failure of the ticket: the job fails, and its retry finds the other run finished
            journal.deferred(ticketId, e.getMessage());
            throw e;
        } catch (LedgerMismatchException e) {
            journal.ledgerMismatch(ticketId, false, e.getMessage()); // Tollgate's record stays as it is
            return Optional.of(e.getMessage());
        } catch (TicketExecutionException e) {
            String failure = e.getMessage();
            journal.executionFailed(ticketId, List.of(), rollbackSql(
                    pages -> executor.get().recordedRollback(ticketId, pages)), failure);
            return Optional.of(failure);
        }
    }

    /** Records a run that finished (every statement completed or not) with its rollback SQL. */
    private Optional<String> finished(String ticketId, ExecutionReport report,
                                      TicketStatementRows.RollbackSqlPages rollbackSql) {
        List<StatementResult> results = results(report);
        if (report.completed()) {
            journal.executed(ticketId, results, rollbackSql);
            return Optional.empty();
        }
        String failure = failure(report, "execution");
        journal.executionFailed(ticketId, results, rollbackSql, failure);
        return Optional.of(failure);
    }

    /** Undoes what completed, in reverse order; returns why it stopped, or empty when everything was undone. */
    /** Where a ticket is when its rollback runs: approved (rolling back), or a DBA's retry after a failed one. */
    private static final java.util.Set<TicketStatus> IN_A_ROLLBACK = java.util.EnumSet.of(TicketStatus.ROLLING_BACK,
            TicketStatus.ROLLBACK_FAILED);

    @Transactional
    Optional<String> rollBack(String ticketId, String actor) {
        TicketEntry ticket = journal.require(ticketId);
        if (!IN_A_ROLLBACK.contains(ticket.status())) {
            // an admin moved the process to its rollback (Cockpit) without a request approved in Tollgate: nothing
            // runs, and the ticket stays as it is (it became a failed rollback, its window lost, before)
            throw new TicketNotAllowedException("ticket " + ticketId + " is " + ticket.status().name()
                    .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ", not in a rollback approved in Tollgate:"
                    + " a process moved to its rollback runs nothing and changes nothing of the ticket; cancel that"
                    + " process instance (its submitter may ask for a rollback within its window)");
        }
        Optional<TargetInstances.Registered> instance = instances.registered(ticket.instance());
        try {
            approvals.requireRollbackAuthorised(ticket, instance);
        } catch (ApprovalRefusedException refused) {
            String failure = TicketApprovals.failure(refused);
            journal.refused(ticketId, true, failure);
            return Optional.of(failure);
        }
        Optional<MysqlTicketExecutor> executor;
        try {
            executor = executor(ticket, instance);
        } catch (TicketNotAllowedException refused) {
            journal.rollbackFailed(ticketId, List.of(), refused.getMessage());
            return Optional.of(refused.getMessage());
        }
        journal.rollingBack(ticketId);
        // a DBA's decision on conflicting rows, from Tollgate's record (never a process variable); used once
        ConflictPolicy policy = ticket.takeConflictPolicy();
        ExecutionReport report;
        try {
            report = executor.orElseThrow().rollback(ticketId, policy, new ExecutionProgress() {
                private final Instant started = clock.instant();
                private Instant lastProgress;

                @Override
                public void runStarts(int firstToRun, int total) {
                    if (firstToRun > 1) {
                        journal.rollbackResumed(ticketId, firstToRun, total);
                    }
                }

                /** Shown on the ticket at most once a second, from a second on: a short rollback writes nothing. */
                @Override
                public void rolledBack(int undone, int total) {
                    Instant now = clock.instant();
                    if (undone < total && Duration.between(lastProgress == null ? started : lastProgress, now)
                            .compareTo(PROGRESS_EVERY) >= 0) {
                        lastProgress = now;
                        journal.progress(ticketId, 100.0 * undone / total);
                    }
                }
            }, journal.inverseRecord(ticket)); // the inverses reviewers saw, never others written on the target since
        } catch (TicketStillRunningException e) {
            journal.deferred(ticketId, e.getMessage());
            throw e;
        } catch (LedgerMismatchException e) {
            journal.ledgerMismatch(ticketId, true, e.getMessage()); // Tollgate's record stays as it is
            return Optional.of(e.getMessage());
        } catch (TicketExecutionException e) {
            journal.rollbackFailed(ticketId, List.of(), e.getMessage());
            return Optional.of(e.getMessage());
        }
        List<StatementResult> results = results(report);
        if (report.completed()) {
            journal.rolledBack(ticketId, actor, results, report.statements().stream()
                    .mapToLong(StatementOutcome::leftAsTheyAre).sum());
            return Optional.empty();
        }
        String failure = failure(report, "rollback");
        if (report.conflictCount() > 0) {
            journal.rollbackConflicts(ticketId, results, report.conflicts(), report.conflictCount(), failure);
        } else {
            journal.rollbackFailed(ticketId, results, failure);
        }
        return Optional.of(failure);
    }

    /**
     * Whether a run of the ticket (its execution or rollback, on any node) still holds its lock on the target: a run
     * whose job an admin deleted goes on until it ends. True when the target cannot be asked (the safe answer for a
     * caller about to hand the ticket to a DBA; asked again later); false for an instance no longer registered.
     */
    public boolean runStillGoing(TicketEntry ticket) {
        try {
            return executor(ticket).map(e -> e.running(ticket.ticketId())).orElse(false);
        } catch (TicketNotAllowedException gone) {
            return false; // no longer registered (or read-only): no run of Tollgate's can go on there
        } catch (RuntimeException unreachable) {
            return true; // asked again at the next look
        }
    }

    /** How many of the ticket's statements the ledger on its target records as done; -1 when it cannot be read. */
    public int doneInLedger(TicketEntry ticket) {
        try {
            return executor(ticket).map(e -> e.done(ticket.ticketId()).size()).orElse(-1);
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    /**
     * The executor on the ticket's target; refused for an instance no longer registered, read-only, or no longer the
     * one the ticket was reviewed for (whose ledger says nothing of this ticket's runs).
     */
    Optional<MysqlTicketExecutor> executor(TicketEntry ticket) {
        return executor(ticket, instances.registered(ticket.instance()));
    }

    private Optional<MysqlTicketExecutor> executor(TicketEntry ticket, Optional<TargetInstances.Registered> instance) {
        TargetInstances.Registered registered = instance.orElseThrow(() ->
                new TicketNotAllowedException("instance " + ticket.instance() + " is no longer registered"));
        try {
            TicketApprovals.requireReviewedTarget(ticket, instance);
        } catch (ApprovalRefusedException moved) {
            throw new TicketNotAllowedException(moved.getMessage());
        }
        if (registered.view().readOnly()) {
            throw new TicketNotAllowedException("instance " + ticket.instance()
                    + " is read-only: Tollgate does not execute on it");
        }
        TargetCoordinates c = registered.coordinates();
        return Optional.of(new MysqlTicketExecutor(
                new MysqlCoordinates(c.host(), c.port(), c.user(), c.password(), null), settings, seal));
    }

    /**
     * The rollback SQL the executor recorded, copied a page at a time as the journal writes it (issue 13: a
     * 200,000-statement ticket's inverses are never all in memory); none when the ledger cannot be read.
     */
    private static TicketStatementRows.RollbackSqlPages rollbackSql(MysqlTicketExecutor.RecordedRollback recorded) {
        return page -> {
            try {
                return recorded.forEachPage(inverses -> page.accept(inverses.stream()
                        .map(i -> new RollbackStep(i.index(), i.sql())).toList()));
            } catch (TicketExecutionException unreadable) {
                return -1;
            }
        };
    }

    private static List<StatementResult> results(ExecutionReport report) {
        return report.statements().stream().map(s -> new StatementResult(s.index(),
                s.kind() == null ? null : s.kind().name(), s.status().name(), s.affectedRows(), s.message())).toList();
    }

    private static String failure(ExecutionReport report, String what) {
        return report.stoppedAt().map(s -> what + " stopped at statement " + s.index() + " ("
                        + s.status().name() + ")" + (s.message() == null ? "" : ": " + s.message())
                        + (s.status() == StatementOutcome.Status.IN_FLIGHT
                        ? " — an earlier run started this DDL and its outcome is unknown; check the table on the"
                        + " target before retrying or closing" : ""))
                .orElse(what + " did not complete");
    }

    /** Reports progress to the ticket at most once a second and polls the abort and pause flags twice a second. */
    private final class Progress implements ExecutionProgress {

        private final String ticketId;
        private Instant lastProgress;
        private Instant lastPoll;
        private TicketJournal.Controls controls;

        /** When {@link #controls} were read with the ticket, and whether they answered the run's first check yet. */
        private final Instant knownAt;
        private boolean firstAnswered;

        /**
         * {@code known}: the flags as read with the ticket at the run's start, which answer the run's first check when
         * it comes soon after (a run that waited for its lock asks again).
         */
        Progress(String ticketId, TicketJournal.Controls known) {
            this.ticketId = ticketId;
            this.controls = known;
            this.knownAt = clock.instant();
        }

        @Override
        public void runStarts(int firstToRun, int total) {
            if (firstToRun > 1) {
                journal.resumed(ticketId, firstToRun, total);
            }
        }

        @Override
        public void progress(int index, double percent) {
            Instant now = clock.instant();
            if (lastProgress == null || percent >= 100
                    || Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                lastProgress = now;
                journal.progress(ticketId, percent);
            }
        }

        @Override
        public boolean abortRequested() {
            return poll().abort();
        }

        @Override
        public boolean pauseRequested() {
            return poll().pause();
        }

        @Override
        public void paused(int index, boolean paused) {
            journal.copyPaused(ticketId, paused);
        }

        /**
         * Both flags, read at most twice a second; an abort, once seen, stays. The first poll (before the run's first
         * statement) is answered by what was read with the ticket at the start when that was less than half a second
         * ago (a one-statement ticket reads nothing more); the second always asks.
         */
        private TicketJournal.Controls poll() {
            Instant now = clock.instant();
            if (!firstAnswered) {
                firstAnswered = true;
                if (controls.abort() || Duration.between(knownAt, now).compareTo(ABORT_POLL_EVERY) < 0) {
                    // read a moment ago; the next check (before the second statement) asks afresh
                    return controls;
                }
            }
            if (!controls.abort() && (lastPoll == null
                    || Duration.between(lastPoll, now).compareTo(ABORT_POLL_EVERY) >= 0)) {
                lastPoll = now;
                controls = journal.controls(ticketId);
            }
            return controls;
        }
    }
}
