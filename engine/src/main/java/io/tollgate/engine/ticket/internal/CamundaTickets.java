package io.tollgate.engine.ticket.internal;

import static io.tollgate.engine.ticket.internal.TicketDraftCheck.blank;
import static io.tollgate.engine.ticket.internal.TicketTaskReads.APPROVALS;
import static io.tollgate.engine.ticket.internal.TicketTaskReads.TASK_KINDS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.OneCommand;
import io.tollgate.engine.RequesterActions;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.review.SqlScripts;
import io.tollgate.engine.stuck.StuckSteps;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketPage;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.engine.ticket.internal.approval.RecordResolutionListener;
import io.tollgate.engine.ticket.internal.execution.TicketExecution;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Messages;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link Tickets} on the {@code sqlTicket} process: what people do with a ticket (submit, resubmit, withdraw, execute,
 * request a rollback, decide, resolve, abort), each checked and then handed to the process in one transaction. The
 * draft's checks are {@link TicketDraftCheck}'s, the reads {@link TicketReads}' and {@link TicketTaskReads}'.
 */
@Component
public class CamundaTickets implements Tickets {

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;
    private final Permissions permissions;
    private final ApprovalTasks approvalTasks;
    private final OneCommand oneCommand;
    private final TicketDraftCheck draftCheck;
    private final TicketReads reads;
    private final TicketTaskReads taskReads;
    private final StuckSteps stuckSteps;
    private final RollbackWindows rollbackWindows;
    private final TicketProcessStart processStart;
    private final TicketExecution execution;

    CamundaTickets(RuntimeService runtimeService, TaskService taskService, TicketJournal journal,
                   TicketApprovals approvals, ApprovalPolicy policy,
                   Permissions permissions, ApprovalTasks approvalTasks, OneCommand oneCommand,
                   TicketDraftCheck draftCheck, TicketReads reads, TicketTaskReads taskReads,
                   StuckSteps stuckSteps, RollbackWindows rollbackWindows, TicketProcessStart processStart,
                   TicketExecution execution) {
        this.execution = execution;
        this.stuckSteps = stuckSteps;
        this.processStart = processStart;
        this.rollbackWindows = rollbackWindows;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.journal = journal;
        this.approvals = approvals;
        this.policy = policy;
        this.permissions = permissions;
        this.approvalTasks = approvalTasks;
        this.oneCommand = oneCommand;
        this.draftCheck = draftCheck;
        this.reads = reads;
        this.taskReads = taskReads;
    }


    @Override
    @Transactional
    public TicketRecord submit(String submitter, TicketDraft draft) {
        return reads.find(submitId(submitter, draft), justStarted -> false, true).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> reviewersFor(String instance, String submitter) {
        return draftCheck.reviewersFor(instance, submitter);
    }

    @Override
    @Transactional
    public String submitId(String submitter, TicketDraft draft) {
        if (submitter == null || submitter.isBlank()) {
            throw new PermissionDeniedException("a ticket needs a signed-in submitter");
        }
        permissions.require(submitter, Permission.SUBMIT_TICKET);
        InstanceView instance = draftCheck.check(draft, submitter);
        String ticketId = "T-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
        processStart.start(journal.submitted(ticketId, submitter, draft, SqlScripts.statements(draft.sql()).size()),
                instance);
        return ticketId;
    }

    @Override
    @Transactional
    public void resubmit(String ticketId, String username, String sql) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "resubmit");
        Task task = taskReads.ticketTask(ticketId, Elements.TASK_FIX_TICKET)
                .orElseThrow(() -> notNow(ticket, "resubmitted"));
        List<String> problems = new ArrayList<>();
        TicketDraftCheck.sqlProblems(sql, problems);
        if (!problems.isEmpty()) {
            throw new InvalidTicketException(problems);
        }
        journal.resubmitted(ticketId, username, sql, SqlScripts.statements(sql).size());
        taskService.setAssignee(task.getId(), username);
        taskService.complete(task.getId());
    }

    @Override
    @Transactional
    public void withdraw(String ticketId, String username) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "withdraw");
        if (TicketStatus.BEFORE_A_RUN.contains(ticket.status())
                && runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).count() == 0) {
            // its process ended or deleted by an admin before it ran: nothing can run it now, and nobody decide it
            journal.withdrawn(ticketId);
            return;
        }
        try {
            RequesterActions.run(ticketId, () -> runtimeService.createMessageCorrelation(Messages.WITHDRAW_TICKET)
                    .processInstanceBusinessKey(ticketId).correlate());
        } catch (MismatchingMessageCorrelationException notWaiting) {
            throw notNow(ticket, "withdrawn");
        } catch (OptimisticLockingException moving) {
            throw new TicketNotAllowedException("ticket " + ticketId + " moved on while withdrawing; look again");
        }
    }

    @Override
    @Transactional
    public void execute(String ticketId, String username) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "execute");
        Task task = taskReads.ticketTask(ticketId, Elements.TASK_CONFIRM_EXECUTION)
                .orElseThrow(() -> notNow(ticket, "executed on request"));
        journal.executionRequested(ticketId, username);
        taskService.complete(task.getId());
    }

    @Override
    @Transactional
    public void requestRollback(String ticketId, String username, String reason) {
        TicketEntry ticket = requireSubmitter(ticketId, username, "request a rollback of");
        if (blank(reason)) {
            throw new InvalidTicketException(List.of("a rollback request needs a reason"));
        }
        if (reason.strip().length() > TicketDraft.MAX_REASON) {
            throw new InvalidTicketException(List.of("the reason is longer than " + TicketDraft.MAX_REASON
                    + " characters"));
        }
        if (ticket.status() == TicketStatus.ROLLBACK_REQUESTED && rollbackWindows.resume(ticket)) {
            return; // requested before, and its process ended or deleted by an admin: its approval waits again
        }
        if (ticket.status() != TicketStatus.EXECUTED) {
            throw notNow(ticket, "rolled back");
        }
        journal.rollbackRequested(ticketId, username, reason.strip());
        // asked first: a correlation that finds no subscription would mark the transaction for rollback
        if (runtimeService.createExecutionQuery().processInstanceBusinessKey(ticketId)
                .messageEventSubscriptionName(Messages.REQUEST_ROLLBACK).count() == 0) {
            // the process waits for no request: past the window, or ended or moved by an admin within it
            rollbackWindows.reopen(ticket);
            return;
        }
        try {
            runtimeService.createMessageCorrelation(Messages.REQUEST_ROLLBACK)
                    .processInstanceBusinessKey(ticketId).correlate();
        } catch (MismatchingMessageCorrelationException windowClosed) {
            if (reads.suspendedInEngine(ticketId)) {
                throw notNow(ticket, "rolled back");
            }
            throw new TicketNotAllowedException("ticket " + ticketId
                    + " can no longer be rolled back through Tollgate: its rollback window has closed");
        }
    }

    @Override
    @Transactional
    public void decide(String taskId, String username, Collection<String> groups, boolean approve, String comment) {
        decide(() -> taskReads.openTask(taskId), taskReads::businessKey, username, groups, approve, comment);
    }

    @Override
    @Transactional
    public void decideOpenApproval(String ticketId, String username, Collection<String> groups, boolean approve,
                                   String comment) {
        // found by the ticket's business key: no need to read it back from the task's process instance
        decide(() -> openApproval(ticketId, username, groups), task -> ticketId, username, groups, approve, comment);
    }

    /**
     * Decides the task {@code which} finds, in one engine command: every check (the task is an approval, the policy's
     * four eyes and eligibility, the task is offered to this person, a rejection's comment) before any write.
     * {@code ticketOf} gives the ticket the task belongs to (its process's business key, never a variable).
     */
    private void decide(Supplier<Task> which, Function<Task, String> ticketOf, String username,
                        Collection<String> groups, boolean approve, String comment) {
        oneCommand.run(() -> {
            Task task = which.get();
            TicketTask.Kind kind = TASK_KINDS.get(task.getTaskDefinitionKey());
            if (!APPROVALS.contains(kind)) {
                throw new TicketNotAllowedException("task " + task.getId() + " is not an approval");
            }
            TicketEntry ticket = journal.require(ticketOf.apply(task));
            String step = TicketApprovals.requireStep(approvalTasks.step(task), task.getName(), ticket.ticketId());
            policy.requireMayDecide(approvals.subjectFor(ticket, step), step, username);
            requireOffered(task, username, groups, ticket);
            if (!approve && blank(comment)) {
                throw new InvalidTicketException(List.of("a rejection needs a comment saying why"));
            }
            requireCommentFits(comment);
            return task;
        }, task -> {
            Map<String, Object> variables = new HashMap<>();
            Variables.APPROVED.into(variables, approve);
            Variables.COMMENT.intoTransient(variables, blank(comment) ? "" : comment.strip());
            Map<String, Object> decided = new HashMap<>();
            Variables.APPROVED.into(decided, approve);
            Variables.COMMENT.into(decided, blank(comment) ? "" : comment.strip());
            // assigned within the decision: the engine's assignment check leaves the checked decider to it
            ApprovalTasks.completeAsDecision(task.getId(), username, decided, () -> {
                taskService.setAssignee(task.getId(), username);
                if (!blank(comment)) {
                    taskService.createComment(task.getId(), task.getProcessInstanceId(), comment.strip());
                }
                taskService.complete(task.getId(), variables);
            });
        });
    }

    /**
     * The ticket's open approval that {@code username} would decide: its only one (whoever it is offered to, so that
     * the checks say why this person may not), or, when a model waits on several at once, the only one offered to
     * them.
     */
    private Task openApproval(String ticketId, String username, Collection<String> groups) {
        List<Task> open = taskReads.openTasksOf(ticketId).stream()
                .filter(t -> APPROVALS.contains(TASK_KINDS.get(t.getTaskDefinitionKey()))).toList();
        if (open.isEmpty()) {
            TicketEntry ticket = journal.find(ticketId).orElseThrow(() -> NotFoundException.of("ticket", ticketId));
            throw new TicketNotAllowedException("ticket " + ticketId + " has no approval waiting: it is "
                    + ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        if (open.size() == 1) {
            return open.get(0);
        }
        List<Task> offered = open.stream().filter(t -> approvalTasks.offered(t, username, groups)).toList();
        if (offered.size() == 1) {
            return offered.get(0);
        }
        throw new TicketNotAllowedException(offered.isEmpty()
                ? "none of the " + open.size() + " approvals ticket " + ticketId + " waits for is offered to "
                + username
                : offered.size() + " approvals of ticket " + ticketId + " wait for " + username
                + ": decide each by its task (/api/v1/tickets/" + ticketId + "/tasks)");
    }

    /**
     * A run that went on after an admin ended its process committed statements Tollgate's record lacks (the ledger on
     * the target has them): closing would leave them off the ticket's record, and a rollback would find nothing of
     * Tollgate's to undo. A retry records them first (each once, from the ledger) and runs the rest.
     */
    private void requireLedgerRecorded(TicketEntry ticket, FailureResolution resolution) {
        int unrecorded = execution.doneInLedger(ticket) - journal.completedStatements(ticket);
        if (unrecorded > 0) {
            throw new TicketNotAllowedException("the ledger on the target records " + unrecorded + " statement"
                    + (unrecorded == 1 ? "" : "s") + " of ticket " + ticket.ticketId() + " done that Tollgate's"
                    + " record lacks (a run went on after its process was ended in the engine): "
                    + (resolution == FailureResolution.CLOSE ? "closing" : "rolling back") + " now would leave "
                    + (unrecorded == 1 ? "it" : "them") + " out; retry first, which records " + (unrecorded == 1
                    ? "it" : "them") + " and runs the rest, each statement once, then roll back or close");
        }
    }

    @Override
    @Transactional
    public void resolve(String taskId, String username, Collection<String> groups, FailureResolution resolution,
                        String comment) {
        Task task = taskReads.openTask(taskId);
        TicketTask.Kind kind = TASK_KINDS.get(task.getTaskDefinitionKey());
        if (kind != TicketTask.Kind.RESOLVE_FAILURE && kind != TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE) {
            throw new TicketNotAllowedException("task " + taskId + " is not a decision after a failure");
        }
        permissions.require(username, Permission.RESOLVE_FAILURES);
        TicketEntry ticket = journal.require(taskReads.businessKey(task));
        if (ticket.status().finished()) {
            // a decision task left over (an admin's modification ran the execution twice): the ticket is decided
            throw notNow(ticket, "decided after a failure");
        }
        requireOffered(task, username, groups, ticket);
        if (resolution == null) {
            throw new InvalidTicketException(List.of("choose retry, roll back or close"));
        }
        requireCommentFits(comment);
        if (kind == TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE && resolution == FailureResolution.ROLL_BACK) {
            throw new InvalidTicketException(List.of("a failed rollback can be retried or closed, not rolled back"));
        }
        if (kind == TicketTask.Kind.RESOLVE_FAILURE && resolution.afterRollbackOnly()) {
            throw new InvalidTicketException(List.of("rolling back without conflicts or by force is a decision after"
                    + " a rollback found conflicting rows"));
        }
        RecordResolutionListener.requireReason(ticket.ticketId(), resolution, comment);
        RecordResolutionListener.requireConflicts(ticket.ticketId(), resolution, ticket.rollbackConflictCount());
        if (kind == TicketTask.Kind.RESOLVE_FAILURE && resolution != FailureResolution.RETRY) {
            requireLedgerRecorded(ticket, resolution);
        }
        RecordResolutionListener.requireSomethingToRollBack(ticket.ticketId(), resolution, () -> reads.anyExecuted(ticket));
        taskService.setAssignee(taskId, username);
        Map<String, Object> variables = new HashMap<>();
        Variables.RESOLUTION.into(variables, RecordResolutionListener.value(resolution));
        Variables.COMMENT.intoTransient(variables, blank(comment) ? "" : comment.strip());
        Map<String, Object> decided = new HashMap<>();
        Variables.RESOLUTION.into(decided, RecordResolutionListener.value(resolution));
        Variables.COMMENT.into(decided, blank(comment) ? "" : comment.strip());
        ApprovalTasks.completeAsDecision(taskId, username, decided, () -> taskService.complete(taskId, variables));
    }

    @Override
    @Transactional
    public void abort(String ticketId, String username, Collection<String> groups) {
        permissions.require(username, Permission.ABORT_EXECUTION);
        TicketEntry ticket = journal.require(ticketId);
        if (ticket.status() != TicketStatus.EXECUTING) {
            throw notNow(ticket, "aborted");
        }
        journal.requestAbort(ticketId, username);
    }

    @Override
    @Transactional
    public void pauseCopy(String ticketId, String username, Collection<String> groups, boolean pause) {
        permissions.require(username, Permission.ABORT_EXECUTION);
        TicketEntry ticket = journal.require(ticketId);
        if (ticket.status() != TicketStatus.EXECUTING || ticket.abortRequested()) {
            throw notNow(ticket, pause ? "paused" : "resumed");
        }
        if (pause && ticket.progress() == null) {
            throw new TicketNotAllowedException("ticket " + ticketId + " has no online schema change copying now;"
                    + " only its copy can be paused");
        }
        if (ticket.pauseRequested() != pause) {
            journal.requestPause(ticketId, username, pause);
        }
    }

    @Override
    @Transactional
    public void retryStuckStep(String ticketId, String username) {
        permissions.require(username, Permission.RESOLVE_FAILURES);
        journal.require(ticketId);
        // the step's job runs again as it would have on its next retry: the gate and the ledger are asked again
        if (stuckSteps.retry(SqlTicketProcess.KEY, ticketId, username) == 0) {
            throw new TicketNotAllowedException("no step of ticket " + ticketId + " is stuck; nothing to retry");
        }
    }

    @Override
    public List<TicketTask> tasksFor(String username, Collection<String> groups) {
        return taskReads.tasksFor(username, groups);
    }

    @Override
    public List<TicketTask> openTasks(String ticketId) {
        return taskReads.openTasks(ticketId);
    }

    @Override
    public Optional<TicketRecord> find(String ticketId) {
        return reads.find(ticketId, reads::suspendedInEngine, true);
    }

    @Override
    public Optional<TicketRecord> findWithoutRollbackSteps(String ticketId) {
        return reads.find(ticketId, reads::suspendedInEngine, false);
    }

    @Override
    public Optional<TicketSummary> summary(String ticketId) {
        return reads.summary(ticketId);
    }

    @Override
    public List<io.tollgate.engine.ticket.SqlVersion> sqlVersions(String ticketId) {
        return reads.sqlVersions(ticketId);
    }

    @Override
    public Optional<String> sqlVersionText(String ticketId, int version) {
        return reads.sqlVersionText(ticketId, version);
    }

    @Override
    public Optional<TicketPage<StatementResult>> executionResults(String ticketId, int offset, int limit) {
        return reads.executionResults(ticketId, offset, limit);
    }

    @Override
    public Optional<TicketPage<StatementResult>> rollbackResults(String ticketId, int offset, int limit) {
        return reads.rollbackResults(ticketId, offset, limit);
    }

    @Override
    public Optional<TicketPage<RollbackStep>> rollbackSql(String ticketId, int offset, int limit) {
        return reads.rollbackSql(ticketId, offset, limit);
    }

    @Override
    public void beforeImagesRead(String ticketId, String reader, String how) {
        journal.beforeImagesRead(ticketId, reader, how);
    }

    @Override
    public Optional<TicketPage<TicketFinding>> findings(String ticketId, int offset, int limit) {
        return reads.findings(ticketId, offset, limit);
    }

    @Override
    public List<TicketSummary> list(TicketFilter filter) {
        return reads.list(filter);
    }


    private void requireOffered(Task task, String username, Collection<String> groups, TicketEntry ticket) {
        if (!approvalTasks.offered(task, username, groups)) {
            throw new TicketNotAllowedException("task '" + task.getName() + "' of ticket " + ticket.ticketId()
                    + " is not offered to " + username
                    + (task.getAssignee() == null ? "" : " (claimed by " + task.getAssignee() + ")"));
        }
    }

    /**
     * The ticket, when {@code username} submitted it; its row locked until the request's transaction ends, so that
     * the submitter's second request on it (Execute pressed twice, a rollback asked twice) waits for the first and
     * then finds it done: one execution or rollback request, the other a 409 saying why.
     */
    private TicketEntry requireSubmitter(String ticketId, String username, String what) {
        TicketEntry ticket = journal.requireLocked(ticketId);
        if (!ticket.submitter().equals(username)) {
            throw new PermissionDeniedException("only " + ticket.submitter() + ", who submitted ticket " + ticketId
                    + ", may " + what + " it");
        }
        return ticket;
    }

    /**
     * Why the ticket cannot be {@code what} now: its status; or, where its process does not move, that an admin
     * suspended it or ended it in the engine (asked only on this refusal's path).
     */
    private TicketNotAllowedException notNow(TicketEntry ticket, String what) {
        String status = ticket.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String cannot = "ticket " + ticket.ticketId() + " cannot be " + what + " now: ";
        if (reads.suspendedInEngine(ticket.ticketId())) {
            return new TicketNotAllowedException(cannot + "an admin suspended its process, or the step it waits at,"
                    + " in the engine (Cockpit); nothing of it moves until an admin activates it");
        }
        if (!ticket.status().finished() && runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.ticketId()).count() == 0) {
            return new TicketNotAllowedException(cannot + "its process was ended in the engine (Cockpit) while it was "
                    + status + ", and Tollgate starts it anew within a minute: try again then");
        }
        return new TicketNotAllowedException(cannot + "it is " + status);
    }

    private static void requireCommentFits(String comment) {
        String tooLong = ApprovalPolicy.commentTooLong(comment);
        if (tooLong != null) {
            throw new InvalidTicketException(List.of(tooLong));
        }
    }

    private static boolean blank(String s) {
        return io.tollgate.engine.PrintableText.saysNothing(s);
    }
}
