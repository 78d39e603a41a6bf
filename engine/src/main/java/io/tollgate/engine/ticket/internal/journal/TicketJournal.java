package io.tollgate.engine.ticket.internal.journal;

import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.NodeName;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.ticket.AffectedRows;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.integrations.mysql.execution.ConflictPolicy;
import io.tollgate.integrations.mysql.execution.RowConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Notifications;
import io.tollgate.engine.mail.Recipients;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place that moves a ticket's status mirror, writes its audit trail and sends its mails, each in the
 * transaction of the step that causes it (a process step's, or a use case's). Actor {@link #SYSTEM} is Tollgate.
 */
@Component
public class TicketJournal {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TicketJournal.class);

    public static final String SYSTEM = "system";
    private final AuditTrail audit;
    static final String LINK_PREFIX = "/tickets/";
    private static final int TRAIL_NOTES = 10;

    private final TicketRepository tickets;
    private final TicketEventRepository events;
    private final Notifications notifications;
    private final Clock clock;
    private final TicketWatch watch;
    private final TicketFindings findings;
    private final TicketStatementRows rows;
    private final TicketSqlVersions sqlVersions;

    TicketJournal(TicketRepository tickets, TicketEventRepository events, Notifications notifications, Clock clock,
                  TicketWatch watch, TicketFindings findings, TicketStatementRows rows, AuditTrail audit,
                  TicketSqlVersions sqlVersions) {
        this.sqlVersions = sqlVersions;
        this.audit = audit;
        this.rows = rows;
        this.findings = findings;
        this.tickets = tickets;
        this.events = events;
        this.notifications = notifications;
        this.clock = clock;
        this.watch = watch;
    }

    @Transactional
    public TicketEntry submitted(String ticketId, String submitter, TicketDraft draft, int statementCount) {
        TicketEntry entry = tickets.save(new TicketEntry(ticketId, submitter, draft, statementCount, clock.instant()));
        event(entry, TicketEvent.Type.SUBMITTED, submitter, draft.reason().strip());
        return entry;
    }

    @Transactional(readOnly = true)
    public Optional<TicketEntry> find(String ticketId) {
        return tickets.findById(ticketId);
    }

    /**
     * The ticket for a page or an answer: in the caller's transaction if there is one, else in none (each statement
     * on its own; a read needs no transaction's {@code SET autocommit} pair and commit, which cost a ticket's two
     * answers six statements in the benchmark).
     */
    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public Optional<TicketEntry> read(String ticketId) {
        return tickets.readById(ticketId);
    }

    public TicketEntry require(String ticketId) {
        // 404 on the API for every action on a ticket that is not there, as for reading it
        return tickets.findById(ticketId).orElseThrow(() -> NotFoundException.of("ticket", ticketId));
    }

    /**
     * The ticket, its row locked until the caller's transaction ends: a person's second request on the same ticket
     * (Execute pressed twice, two rollback requests) waits for the first and then sees what it did. Called first in
     * the transaction, before anything else reads the ticket (a ticket read before would be returned as read then).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public TicketEntry requireLocked(String ticketId) {
        return tickets.lockById(ticketId).orElseThrow(() -> NotFoundException.of("ticket", ticketId));
    }

    /** When the ticket's statements last completed (its latest EXECUTED entry), if they did. */
    @Transactional(readOnly = true)
    public Optional<Instant> executedAt(String ticketId) {
        List<TicketEventEntry> trail = events.findByTicketIdOrderByIdAsc(ticketId);
        for (int i = trail.size() - 1; i >= 0; i--) {
            TicketEvent event = trail.get(i).toEvent();
            if (event.type() == TicketEvent.Type.EXECUTED) {
                return Optional.of(event.at());
            }
        }
        return Optional.empty();
    }

    @Transactional(readOnly = true, propagation = Propagation.SUPPORTS)
    public List<TicketEvent> trail(String ticketId) {
        return events.findByTicketIdOrderByIdAsc(ticketId).stream().map(TicketEventEntry::toEvent).toList();
    }

    /**
     * A review round: its findings, and when it passed, the hash of the SQL it passed, the reviewer group it
     * routes the approval to (the instance's at this moment) and the instance it was for ({@link TicketApprovals#target}),
     * which the gate holds the approvals against.
     */
    @Transactional
    public void reviewed(String ticketId, String risk, int statementCount, List<TicketFinding> findings,
                  AffectedRows affectedRows, boolean passed, String summary, String reviewerGroup,
                  String reviewedTarget) {
        TicketEntry entry = requireInReview(ticketId);
        entry.reviewRound(passed ? ApprovalPolicy.hash(entry.sql()) : null, passed ? reviewerGroup : null,
                passed ? reviewedTarget : null);
        this.findings.replace(ticketId, findings);
        entry.reviewed(risk, statementCount, findings.size(), TicketJson.write(TicketFindings.summarise(findings)));
        entry.affectedRows(affectedRows);
        entry.status(passed ? TicketStatus.AWAITING_APPROVAL : TicketStatus.REVIEW_FAILED, clock.instant());
        event(entry, passed ? TicketEvent.Type.REVIEW_PASSED : TicketEvent.Type.REVIEW_FAILED, SYSTEM, summary);
    }

    /**
     * The review could not run (the instance's review backend gave no usable answer): the ticket stays in review with
     * the reason as its one finding, and the review job is retried. Its own transaction, as the failing job rolls
     * back; nothing here lets the ticket pass (issue 17).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void reviewWaiting(String ticketId, String reason) {
        TicketEntry entry = requireInReview(ticketId);
        List<TicketFinding> waiting = List.of(new TicketFinding(1, 1, 1, "review.backend-unavailable", "ERROR", reason));
        this.findings.replace(ticketId, waiting);
        entry.reviewed("HIGH", entry.statementCount(), waiting.size(),
                TicketJson.write(TicketFindings.summarise(waiting)));
        entry.affectedRows(null);
        if (entry.status() != TicketStatus.REVIEWING) {
            entry.status(TicketStatus.REVIEWING, clock.instant());
        }
    }

    /**
     * The ticket, which must be in review: submitted, resubmitted or started anew (ADR 0060). A review of a ticket past
     * it would open a new round on a ticket that was rejected, withdrawn, executed or closed (a helper's finding: a
     * process owner's model called the review with a fixed business key, an admin moved a process back to it in
     * Cockpit), so it is refused and changes nothing; the step that asked fails where an admin sees it.
     */
    private TicketEntry requireInReview(String ticketId) {
        TicketEntry entry = require(ticketId);
        if (entry.status() != TicketStatus.REVIEWING) {
            throw new TicketNotAllowedException("ticket " + ticketId + " is " + entry.status() + ": a review runs on"
                    + " a ticket submitted or resubmitted in Tollgate, and a review of it from another process or an"
                    + " admin's move to it in the engine is refused");
        }
        return entry;
    }

    /** What the routing decision said of the current review round: whether a DBA approves after the reviewers. */
    @Transactional
    public void routed(String ticketId, boolean dbaApprovalRequired) {
        require(ticketId).dbaApprovalRequired(dbaApprovalRequired);
    }

    /**
     * The current review round needs a DBA's approval although the deployed routing decision asked for none:
     * {@code why} is Tollgate's floor (ADR 0059), recorded in the trail for the people deciding and the auditors.
     */
    @Transactional
    public void routedByFloor(String ticketId, String why) {
        TicketEntry entry = require(ticketId);
        entry.dbaApprovalRequired(true);
        event(entry, TicketEvent.Type.DBA_APPROVAL_ENFORCED, SYSTEM, why);
    }

    /** Whether the current review round needs a DBA's approval; {@code true} while nothing is recorded. */
    @Transactional(readOnly = true)
    public boolean dbaApprovalRequired(String ticketId) {
        return !Boolean.FALSE.equals(require(ticketId).dbaApprovalRequired());
    }

    @Transactional
    public void resubmitted(String ticketId, String actor, String sql, int statementCount) {
        TicketEntry entry = require(ticketId);
        // what it replaces stays readable, by the hash the trail's earlier entries name (an auditor's finding)
        sqlVersions.replaced(entry, actor, clock.instant());
        entry.resubmitted(sql, statementCount, clock.instant());
        findings.clear(ticketId);
        event(entry, TicketEvent.Type.RESUBMITTED, actor, null);
    }

    /** A ticket approval; {@code last} when no further approval follows, so the ticket moves on per its mode. */
    @Transactional
    public void approved(String ticketId, String actor, String comment, boolean last) {
        TicketEntry entry = require(ticketId);
        event(entry, TicketEvent.Type.APPROVED, actor, blankToNull(comment));
        if (last) {
            entry.status(switch (entry.mode()) {
                case AFTER_APPROVAL -> TicketStatus.EXECUTING;
                case SCHEDULED -> TicketStatus.SCHEDULED;
                case MANUAL -> TicketStatus.AWAITING_EXECUTION;
            }, clock.instant());
            notifications.notify(MailKind.TICKET_APPROVED, Recipients.users(entry.submitter()),
                    parameters(entry, "actor", actor), link(ticketId));
        }
    }

    @Transactional
    public void rejected(String ticketId, String actor, String comment) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.REJECTED, clock.instant());
        event(entry, TicketEvent.Type.REJECTED, actor, comment);
        Map<String, Object> parameters = parameters(entry, "actor", actor);
        parameters.put("comment", comment);
        notifications.notify(MailKind.TICKET_REJECTED, Recipients.users(entry.submitter()), parameters,
                link(ticketId));
    }

    @Transactional
    public void withdrawn(String ticketId) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.WITHDRAWN, clock.instant());
        event(entry, TicketEvent.Type.WITHDRAWN, entry.submitter(), null);
    }

    /**
     * The ticket's process was moved to its withdrawal in the engine, not by its submitter: {@code actor} (the
     * engine's signed-in user, an admin in Cockpit; null when nobody was) ended it, and the trail says so.
     */
    @Transactional
    public void withdrawnInEngine(String ticketId, String actor) {
        TicketEntry entry = require(ticketId);
        if (!TicketStatus.BEFORE_A_RUN.contains(entry.status())) {
            // an executed ticket "withdrawn" lost its rollback; a failed one, what its run did
            throw new TicketNotAllowedException("ticket " + ticketId + " is " + entry.status() + ": a withdrawal"
                    + " ends a ticket before anything of it ran, and an admin's move to it in the engine is refused");
        }
        entry.status(TicketStatus.WITHDRAWN, clock.instant());
        event(entry, TicketEvent.Type.WITHDRAWN, actor == null ? SYSTEM : actor, "ended by "
                + (actor == null ? "the engine" : actor + "'s action in the engine (Cockpit)")
                + ", not withdrawn by its submitter " + entry.submitter());
    }

    @Transactional
    public void executionRequested(String ticketId, String actor) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.EXECUTING, clock.instant());
        event(entry, TicketEvent.Type.EXECUTION_REQUESTED, actor, null);
    }

    /** Marks the ticket as executing now, committed at once so that lists show it while the statements run. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void executing(String ticketId) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.EXECUTING, clock.instant());
        entry.progress(null);
        watch.changed(entry);
    }

    @Transactional
    public void executed(String ticketId, List<StatementResult> results, TicketStatementRows.RollbackSqlPages rollbackSql) {
        TicketEntry entry = require(ticketId);
        executionReport(entry, results, rollbackSql, null);
        entry.status(TicketStatus.EXECUTED, clock.instant());
        // the trail's words are English, as the review's "1 statement, 0 errors" (engine.label depends on tickets)
        event(entry, TicketEvent.Type.EXECUTED, SYSTEM,
                results.size() + (results.size() == 1 ? " statement" : " statements"));
        notifications.notify(MailKind.TICKET_EXECUTED, Recipients.users(entry.submitter()), parameters(entry),
                link(ticketId));
    }

    @Transactional
    public void executionFailed(String ticketId, List<StatementResult> results, TicketStatementRows.RollbackSqlPages rollbackSql,
                         String failure) {
        TicketEntry entry = require(ticketId);
        executionReport(entry, results, rollbackSql, failure);
        entry.status(TicketStatus.EXECUTION_FAILED, clock.instant());
        event(entry, TicketEvent.Type.EXECUTION_FAILED, SYSTEM, failure);
        notifyFailure(entry, failure);
    }

    /**
     * The gate refused to run the ticket's statements (or its rollback): nothing ran; the ticket waits for a DBA, the
     * trail says why, and the DBAs and the submitter are mailed.
     */
    @Transactional
    public void refused(String ticketId, boolean rollback, String failure) {
        TicketEntry entry = require(ticketId);
        entry.failure(failure);
        entry.status(rollback ? TicketStatus.ROLLBACK_FAILED : TicketStatus.EXECUTION_FAILED, clock.instant());
        event(entry, TicketEvent.Type.EXECUTION_REFUSED, SYSTEM, failure);
        notifyFailure(entry, failure);
    }

    @Transactional
    public void rollbackRequested(String ticketId, String actor, String reason) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.ROLLBACK_REQUESTED, clock.instant());
        event(entry, TicketEvent.Type.ROLLBACK_REQUESTED, actor, reason);
    }

    @Transactional
    public void rollbackDecided(String ticketId, String actor, boolean approved, String comment) {
        TicketEntry entry = require(ticketId);
        entry.status(approved ? TicketStatus.ROLLING_BACK : TicketStatus.EXECUTED, clock.instant());
        event(entry, approved ? TicketEvent.Type.ROLLBACK_APPROVED : TicketEvent.Type.ROLLBACK_REJECTED, actor,
                blankToNull(comment));
        if (!approved) {
            Map<String, Object> parameters = parameters(entry, "actor", actor);
            parameters.put("comment", comment);
            notifications.notify(MailKind.TICKET_REJECTED, Recipients.users(entry.submitter()), parameters,
                    link(ticketId));
        }
    }

    /** Marks the ticket as rolling back now, committed at once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void rollingBack(String ticketId) {
        TicketEntry entry = require(ticketId);
        entry.status(TicketStatus.ROLLING_BACK, clock.instant());
        entry.progress(null);
        watch.changed(entry);
    }

    /**
     * The rollback completed; {@code leftAsTheyAre} conflicting changes stayed as they are by a DBA's choice (roll back
     * the other rows only, or Force on what nothing forces), shown with the status.
     */
    @Transactional
    public void rolledBack(String ticketId, String actor, List<StatementResult> results, long leftAsTheyAre) {
        TicketEntry entry = require(ticketId);
        rollbackReport(entry, results, null);
        entry.rollbackLeft(leftAsTheyAre);
        entry.status(TicketStatus.ROLLED_BACK, clock.instant());
        // the trail names the first few notes only: a ticket may have 200,000 statements (issue 13)
        List<String> notes = results.stream().filter(r -> r.message() != null).limit(TRAIL_NOTES)
                .map(r -> "statement " + r.index() + ": " + r.message()).toList();
        long allNotes = results.stream().filter(r -> r.message() != null).count();
        if (allNotes > notes.size()) {
            notes = new java.util.ArrayList<>(notes);
            notes.add((allNotes - TRAIL_NOTES) + " more on the rollback's results");
        }
        event(entry, TicketEvent.Type.ROLLED_BACK, SYSTEM, results.size() + " statement"
                + (results.size() == 1 ? "" : "s") + " undone" + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        notifications.notify(MailKind.TICKET_ROLLED_BACK, Recipients.users(entry.submitter()),
                parameters(entry, "actor", actor), link(ticketId));
    }

    @Transactional
    public void rollbackFailed(String ticketId, List<StatementResult> results, String failure) {
        TicketEntry entry = require(ticketId);
        rollbackReport(entry, results, failure);
        entry.status(TicketStatus.ROLLBACK_FAILED, clock.instant());
        event(entry, TicketEvent.Type.ROLLBACK_FAILED, SYSTEM, failure);
        notifyFailure(entry, failure);
    }

    /** The rollback found rows changed since execution and changed nothing: the DBA sees them and decides. */
    /** How many statements the ticket's last execution recorded as completed, for the next run to check against. */
    public int completedStatements(TicketEntry ticket) {
        return rows.completed(ticket);
    }

    /**
     * The ledger on the target disagrees with Tollgate's record (ADR 0044): nothing ran, and Tollgate's results and
     * rollback SQL stay as they are; the ticket waits for a DBA.
     */
    @Transactional
    public void ledgerMismatch(String ticketId, boolean rollback, String failure) {
        TicketEntry entry = require(ticketId);
        entry.failure(failure);
        entry.status(rollback ? TicketStatus.ROLLBACK_FAILED : TicketStatus.EXECUTION_FAILED, clock.instant());
        event(entry, rollback ? TicketEvent.Type.ROLLBACK_FAILED : TicketEvent.Type.EXECUTION_FAILED, SYSTEM, failure);
        notifyFailure(entry, failure);
    }

    /** Tollgate's own record of the ticket's inverses, for its rollback to check the target's ledger against. */
    public io.tollgate.integrations.mysql.execution.InverseRecord inverseRecord(TicketEntry ticket) {
        return rows.inverseRecord(ticket);
    }

    @Transactional
    public void rollbackConflicts(String ticketId, List<StatementResult> results, List<RowConflict> conflicts, int count,
                           String failure) {
        TicketEntry entry = require(ticketId);
        rollbackReport(entry, results, failure);
        entry.rollbackConflicts(TicketJson.write(RecordedConflicts.bounded(conflicts)), count);
        entry.status(TicketStatus.ROLLBACK_FAILED, clock.instant());
        event(entry, TicketEvent.Type.ROLLBACK_CONFLICT, SYSTEM, failure);
        notifyFailure(entry, failure);
    }

    @Transactional
    public void resolved(String ticketId, String actor, FailureResolution resolution, String comment, boolean afterRollback) {
        TicketEntry entry = require(ticketId);
        event(entry, switch (resolution) {
            case RETRY -> TicketEvent.Type.RETRY_REQUESTED;
            case ROLL_BACK -> TicketEvent.Type.ROLLBACK_APPROVED;
            case CLOSE -> TicketEvent.Type.CLOSED;
            case ROLL_BACK_WITHOUT_CONFLICTS -> TicketEvent.Type.ROLLBACK_CONFLICTS_SKIPPED;
            case FORCE_ROLLBACK -> TicketEvent.Type.ROLLBACK_FORCED;
        }, actor, blankToNull(comment));
        entry.conflictPolicy(switch (resolution) {
            case ROLL_BACK_WITHOUT_CONFLICTS -> ConflictPolicy.SKIP_CONFLICTS;
            case FORCE_ROLLBACK -> ConflictPolicy.FORCE;
            default -> null;
        });
        if (resolution == FailureResolution.RETRY || resolution.afterRollbackOnly()) {
            entry.status(afterRollback ? TicketStatus.ROLLING_BACK : TicketStatus.EXECUTING, clock.instant());
        } else if (resolution == FailureResolution.ROLL_BACK) {
            entry.status(TicketStatus.ROLLING_BACK, clock.instant());
        }
    }

    @Transactional
    public void closed(String ticketId) {
        TicketEntry entry = require(ticketId);
        List<TicketEventEntry> trail = events.findByTicketIdOrderByIdAsc(ticketId);
        if (trail.isEmpty() || trail.get(trail.size() - 1).toEvent().type() != TicketEvent.Type.CLOSED) {
            // only a DBA's decision in Tollgate closes a failed ticket (ADR 0058); an admin's move of the process to
            // this step skipped it, and whatever the target's ledger held beyond the record with it
            throw new TicketNotAllowedException("ticket " + ticketId + " is closed on a DBA's decision in Tollgate"
                    + " (its tasklist or /api/v1), which its trail does not end with: an admin's move to the close"
                    + " in the engine is refused");
        }
        entry.status(TicketStatus.CLOSED_FAILED, clock.instant());
        watch.changed(entry);
    }

    /** Records an online schema change's progress, committed at once so that the detail page can show it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(String ticketId, double percent) {
        TicketEntry entry = require(ticketId);
        entry.progress(percent);
        // an open ticket page shows the progress bar: it is told, on every node (throttled by the caller)
        watch.changed(entry);
    }

    /** What a DBA asked of the running execution: to abort it, to pause its copy. */
    public record Controls(boolean abort, boolean pause) {
        public static final Controls NONE = new Controls(false, false);
    }

    /** What a DBA asked of the running execution, read fresh. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, readOnly = true)
    public Controls controls(String ticketId) {
        return tickets.findById(ticketId).map(t -> new Controls(t.abortRequested(), t.pauseRequested()))
                .orElse(Controls.NONE);
    }

    /** The online schema change said it waits, or its pause was lifted; committed at once, shown on the ticket. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void copyPaused(String ticketId, boolean paused) {
        TicketEntry entry = require(ticketId);
        entry.copyPaused(paused);
        event(entry, paused ? TicketEvent.Type.COPY_PAUSED : TicketEvent.Type.COPY_RESUMED, SYSTEM, null);
    }

    /**
     * The ticket's execution is over without its record after {@code done} statements ({@code why}: its node stopped,
     * say): the trail says so, and the ticket shows what is done until the run resumes. In the caller's transaction
     * (the one that releases the job).
     */
    @Transactional
    public void interrupted(String ticketId, String why, List<StatementResult> done, int total) {
        TicketEntry entry = require(ticketId);
        int last = done.isEmpty() ? 0 : done.get(done.size() - 1).index();
        rows.replaceResults(entry.ticketId(), TicketStatementRows.Run.EXECUTION, done);
        entry.executionSoFar(done.size());
        event(entry, TicketEvent.Type.EXECUTION_INTERRUPTED, SYSTEM, "execution interrupted at statement " + last
                + " of " + total + " (" + why + "); " + done.size() + " done, resuming");
    }

    /** A run that starts where an earlier one stopped; committed at once, before the statements run. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void resumed(String ticketId, int firstToRun, int total) {
        // the node that resumes is named, as the interruption names the one that stopped (issue 16)
        event(require(ticketId), TicketEvent.Type.EXECUTION_RESUMED, SYSTEM, (firstToRun > total
                ? "resumed after statement " + total + " of " + total + ": every statement was already done"
                : "resumed at statement " + firstToRun + " of " + total + "; statements 1 to " + (firstToRun - 1)
                + " were done") + " (on node " + NodeName.name() + ")");
    }

    /**
     * A rollback over without its record ({@code why}: its node stopped, say): how many of the {@code total}
     * statements it had undone (their rollback results go on the ticket); in the transaction that releases the
     * rollback job's lock.
     */
    @Transactional
    public void rollbackInterrupted(String ticketId, String why, List<StatementResult> undone, int total) {
        TicketEntry entry = require(ticketId);
        rows.replaceResults(entry.ticketId(), TicketStatementRows.Run.ROLLBACK, undone);
        entry.rollbackSoFar(undone.size());
        // a rollback runs from the last statement back: the lowest one undone is where it got to
        String where = undone.isEmpty() ? "before its first statement"
                : "at statement " + undone.stream().mapToInt(StatementResult::index).min().orElseThrow() + " ("
                + undone.size() + " of " + total + " undone)";
        event(entry, TicketEvent.Type.ROLLBACK_INTERRUPTED, SYSTEM, "rollback interrupted " + where + " (" + why
                + "); resuming");
    }

    /** A rollback run that starts where an earlier one stopped; committed at once, before anything is undone. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void rollbackResumed(String ticketId, int firstToRun, int total) {
        event(require(ticketId), TicketEvent.Type.ROLLBACK_RESUMED, SYSTEM, (firstToRun > total
                ? "rollback resumed after all " + total + " statements were already undone"
                : "rollback resumed at step " + firstToRun + " of " + total + "; " + (firstToRun - 1)
                + " statements were already undone") + " (on node " + NodeName.name() + ")");
    }

    /** An attempt that ran nothing because another run of the ticket still goes on; committed at once. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void deferred(String ticketId, String why) {
        event(require(ticketId), TicketEvent.Type.EXECUTION_DEFERRED, SYSTEM, why);
    }

    /**
     * A step of the ticket's process ran out of retries: the ticket shows it, the trail says why, and the DBAs (who may
     * retry it) and the submitter are mailed. In the transaction that creates the incident.
     */
    @Transactional
    public void stuck(String ticketId, String step, String reason) {
        // called while Camunda records its incident: nothing here may fail that (a process without a ticket row
        // was started outside Tollgate's use cases, and Cockpit shows its incident)
        TicketEntry entry = tickets.findById(ticketId).orElse(null);
        if (entry == null) {
            return;
        }
        if (entry.status().finished()) {
            // a job an admin's Cockpit action left on a finished ticket (a modification back to its execution, a
            // window timer executed early): refused by its step, it is Cockpit's incident; nothing of the ticket
            // waits for a DBA, so its page and the DBAs' mail do not say so
            log.info("ticket {} is {}: the engine's incident on \"{}\" is left to Cockpit: {}", ticketId,
                    entry.status(), step, reason);
            return;
        }
        String why = reason == null ? "" : reason.length() > 3900 ? reason.substring(0, 3900) + "…" : reason;
        entry.stuck(step.length() > 255 ? step.substring(0, 255) : step, why);
        event(entry, TicketEvent.Type.STEP_STUCK, SYSTEM, "\"" + step + "\" failed after all its retries: " + why
                + "; nothing moves until a DBA retries it");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("what", "SQL ticket " + ticketId + " \"" + entry.title() + "\"");
        parameters.put("step", step);
        parameters.put("error", why);
        parameters.put("who", "a DBA");
        notifications.notify(MailKind.STEP_STUCK, Recipients.users(entry.submitter())
                .and(Recipients.groups(Role.DBA.groupId())), parameters, link(ticketId));
    }

    /**
     * The ticket's process was ended in the engine (an admin deleted it or moved it to its end in Cockpit) while the
     * ticket ran or waited for a DBA's decision after a failure: {@code why} goes in the trail, a run the process lost
     * becomes a failure (what ran stays recorded), and the DBAs and the submitter are mailed as for any failure.
     */
    @Transactional
    public void decisionReopened(String ticketId, boolean rollback, String why) {
        TicketEntry entry = require(ticketId);
        TicketStatus failed = rollback ? TicketStatus.ROLLBACK_FAILED : TicketStatus.EXECUTION_FAILED;
        if (entry.status() != failed) {
            entry.failure(why);
            entry.status(failed, clock.instant());
        }
        entry.stuck(null, null);
        event(entry, TicketEvent.Type.DECISION_REOPENED, SYSTEM, why);
        notifyFailure(entry, why);
    }

    /**
     * The ticket's process was ended in the engine (an admin deleted it or moved it to an end in Cockpit) before the
     * ticket ran, and starts anew: at its review ({@code status} REVIEWING: a new review round, so approvals given
     * before no longer count), or at the approval of the rollback requested before ({@code status} ROLLBACK_REQUESTED,
     * kept). {@code why} goes in the trail.
     */
    @Transactional
    public void processRestarted(String ticketId, TicketStatus status, String why) {
        TicketEntry entry = require(ticketId);
        entry.stuck(null, null);
        if (status == TicketStatus.REVIEWING) {
            // a new round from this moment, not when the new review passes: until then nothing reviewed, and no
            // approval given before, counts (an admin moving the new process past its review found the old ones)
            entry.reviewRound(null, null, null);
        }
        if (entry.status() != status) {
            entry.status(status, clock.instant());
        }
        event(entry, TicketEvent.Type.PROCESS_RESTARTED, SYSTEM, why);
    }

    /** {@code reader} read the ticket's rollback SQL (before-images), {@code how}: an audit entry about the ticket. */
    @Transactional
    public void beforeImagesRead(String ticketId, String reader, String how) {
        TicketEntry entry = require(ticketId);
        audit.record(new AuditEvent("ticket.before-images-read", reader, "ticket", ticketId, reader
                + " read the rollback SQL (before-images) of ticket " + ticketId + ": " + how,
                Map.of("how", how, "steps", entry.rollbackSqlCount(), "submitter", entry.submitter())));
    }

    /** The stuck step was given another try by {@code actor} ({@code null}: by Tollgate itself); it runs again. */
    @Transactional
    public void stepRetried(String ticketId, String step, String actor) {
        TicketEntry entry = tickets.findById(ticketId).orElse(null);
        if (entry == null) {
            return;
        }
        entry.stuck(null, null);
        event(entry, TicketEvent.Type.STEP_RETRIED, actor == null ? SYSTEM : actor, "\"" + step + "\" runs again");
    }

    /** The stuck step's job is gone without a retry (withdrawn, its process deleted): the ticket stops showing it. */
    @Transactional
    public void stepGone(String ticketId) {
        find(ticketId).ifPresent(entry -> {
            entry.stuck(null, null);
            watch.changed(entry);
        });
    }

    @Transactional
    public void requestAbort(String ticketId, String actor) {
        TicketEntry entry = require(ticketId);
        entry.requestAbort();
        event(entry, TicketEvent.Type.ABORT_REQUESTED, actor, null);
    }

    @Transactional
    public void requestPause(String ticketId, String actor, boolean pause) {
        TicketEntry entry = require(ticketId);
        entry.requestPause(pause);
        event(entry, pause ? TicketEvent.Type.PAUSE_REQUESTED : TicketEvent.Type.RESUME_REQUESTED, actor, null);
    }

    private void executionReport(TicketEntry entry, List<StatementResult> results,
                                 TicketStatementRows.RollbackSqlPages rollbackSql, String failure) {
        rows.replaceResults(entry.ticketId(), TicketStatementRows.Run.EXECUTION, results);
        int steps = rows.replaceRollbackSql(entry, rollbackSql);
        entry.executionReport(results.size(), steps, failure);
    }

    private void rollbackReport(TicketEntry entry, List<StatementResult> results, String failure) {
        rows.replaceResults(entry.ticketId(), TicketStatementRows.Run.ROLLBACK, results);
        entry.rollbackReport(results.size(), failure);
    }

    /** The submitter and the DBAs hear of a failure: a DBA decides what happens next. */
    private void notifyFailure(TicketEntry entry, String failure) {
        Map<String, Object> parameters = parameters(entry, "error", failure);
        notifications.notify(MailKind.TICKET_FAILED, Recipients.users(entry.submitter())
                .and(Recipients.groups(Role.DBA.groupId())), parameters, link(entry.ticketId()));
    }

    /** {@code entry}: the ticket as this transaction holds it, whose status wakes the waiters after the commit. */
    private void event(TicketEntry entry, TicketEvent.Type type, String actor, String detail) {
        String ticketId = entry.ticketId();
        events.save(new TicketEventEntry(ticketId, type, actor, detail, clock.instant()));
        String what = type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        audit.record(new AuditEvent("ticket." + what, SYSTEM.equals(actor) ? AuditTrail.SYSTEM : actor, "ticket",
                ticketId, "ticket " + ticketId + " " + what.replace('-', ' ') + (detail == null ? ""
                : ": " + (detail.length() > 500 ? detail.substring(0, 500) + "…" : detail)),
                payload(entry, type, detail)));
        watch.changed(entry);
    }

    /**
     * An event's audit payload: the SQL's hash and the review round, the event's detail, and, on submission, the
     * ticket's title (an auditor searching the trail for a ticket by what it was called finds its submission).
     */
    private static Map<String, Object> payload(TicketEntry entry, TicketEvent.Type type, String detail) {
        Map<String, Object> payload = new LinkedHashMap<>();
        if (type == TicketEvent.Type.SUBMITTED) {
            payload.put("title", entry.title());
        }
        if (detail != null) {
            payload.put("detail", detail);
        }
        payload.put("sqlSha256", entry.sqlHash());
        // a submission opens the round its review will count as (the counter moves when the review records it): a
        // helper found each resubmission filed under the round before, beside the new SQL's hash
        boolean opensRound = type == TicketEvent.Type.SUBMITTED || type == TicketEvent.Type.RESUBMITTED;
        payload.put("round", entry.reviewRound() + (opensRound ? 1 : 0));
        return payload;
    }

    private static Map<String, Object> parameters(TicketEntry entry) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ticketId", entry.ticketId());
        parameters.put("title", entry.title());
        return parameters;
    }

    private static Map<String, Object> parameters(TicketEntry entry, String key, Object value) {
        Map<String, Object> parameters = parameters(entry);
        parameters.put(key, value);
        return parameters;
    }

    static String link(String ticketId) {
        return LINK_PREFIX + ticketId;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
