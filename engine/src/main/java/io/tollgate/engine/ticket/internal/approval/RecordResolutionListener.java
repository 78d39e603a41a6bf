package io.tollgate.engine.ticket.internal.approval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.audit.CompletionsOutsideTollgate;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketStatementRows;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Resolutions;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing a DBA's decision after a failed execution or rollback, completed by {@code Tickets.resolve} (any other
 * completion is refused, ADR 0058): requires a valid
 * resolution (no roll back of a failed rollback) and a DBA as decider (the {@link ApprovalPolicy}; rolling back is
 * recorded as the rollback's approval, so never by the submitter), and records it.
 */
@Component(Beans.RECORD_RESOLUTION)
public class RecordResolutionListener implements TaskListener {

    private final CompletionsOutsideTollgate outside;

    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;
    private final TicketStatementRows rows;

    RecordResolutionListener(TicketJournal journal, TicketApprovals approvals, ApprovalPolicy policy,
                             TicketStatementRows rows,
            CompletionsOutsideTollgate outside) {
        this.outside = outside;
        this.journal = journal;
        this.approvals = approvals;
        this.policy = policy;
        this.rows = rows;
    }

    @Override
    public void notify(DelegateTask task) {
        String ticketId = task.getExecution().getProcessBusinessKey();
        TicketEntry ticket = journal.require(ticketId);
        boolean afterRollback = Elements.TASK_RESOLVE_ROLLBACK_FAILURE.equals(task.getTaskDefinitionKey());
        // only Tickets.resolve decides (ADR 0058): a roll back here is the rollback's approval, and a model's timer
        // or listener completing this task as its assignee "dba" decided nothing; nor is a variable read before that
        // (a task-local one an admin set, of any type, would be read here and not by the process's gateway)
        String decider = ApprovalTasks.decider(task).orElseThrow(() -> outside.refused(task,
                SqlTicketProcess.KEY, ticketId, "a decision on ticket " + ticketId + " after a failure"
                + " counts only when taken in Tollgate (its tasklist or /api/v1), where who decides is checked: task '"
                + task.getName() + "' was completed otherwise, whoever it names"));
        if (ticket.status().finished()) {
            // a decision task left over (an admin's modification ran the execution twice) decides nothing more: a
            // retry on it reopened a closed ticket (a helper's finding)
            throw new TicketNotAllowedException("ticket " + ticketId + " is " + ticket.status().name()
                    .toLowerCase(Locale.ROOT).replace('_', ' ') + ": its failure is decided already");
        }
        Map<String, ?> decided = ApprovalTasks.decided(task);
        String value = Variables.RESOLUTION.from(decided);
        FailureResolution resolution = resolution(value);
        if (resolution == null || (afterRollback && resolution == FailureResolution.ROLL_BACK)
                || (!afterRollback && resolution.afterRollbackOnly())) {
            throw new InvalidTicketException(List.of("complete the decision on ticket " + ticketId + " with "
                    + Variables.RESOLUTION.name() + " = " + Resolutions.RETRY
                    + (afterRollback ? ", " + Resolutions.ROLL_BACK_WITHOUT_CONFLICTS + ", "
                    + Resolutions.FORCE_ROLLBACK : ", " + Resolutions.ROLL_BACK) + " or " + Resolutions.CLOSE
                    + " (was " + value + ")"));
        }
        requireSomethingToRollBack(ticketId, resolution, () -> rows.anyExecuted(ticket));
        requireConflicts(ticketId, resolution, ticket.rollbackConflictCount());
        String comment = Variables.COMMENT.from(decided);
        requireReason(ticketId, resolution, comment);
        // a DBA decides; rolling back is a rollback approval (four eyes: never the submitter's own)
        if (resolution == FailureResolution.ROLL_BACK) {
            policy.decide(approvals.rollbackSubject(ticket), TicketApprovals.ROLLBACK, decider, true, comment);
        } else {
            policy.decide(approvals.resolutionSubject(ticket, resolution == FailureResolution.FORCE_ROLLBACK),
                    TicketApprovals.RESOLUTION, decider,
                    resolution != FailureResolution.CLOSE, comment);
        }
        journal.resolved(ticketId, decider, resolution, comment, afterRollback);
    }

    /** Rolling back needs something that ran: a ticket "rolled back" after nothing ran would say otherwise. */
    public static void requireSomethingToRollBack(String ticketId, FailureResolution resolution,
                                           BooleanSupplier anythingRan) {
        if (resolution == FailureResolution.ROLL_BACK && !anythingRan.getAsBoolean()) {
            throw new InvalidTicketException(List.of("nothing of ticket " + ticketId + " ran, so there is nothing to"
                    + " roll back: retry or close it"));
        }
    }

    /**
     * Rolling back the other rows only, or by force, answers conflicting rows: after a rollback that found none, a
     * retry or a close is.
     */
    public static void requireConflicts(String ticketId, FailureResolution resolution, int conflictCount) {
        if (resolution.afterRollbackOnly() && conflictCount == 0) {
            throw new InvalidTicketException(List.of("ticket " + ticketId + " has no conflicting rows: retry or close"
                    + " the rollback"));
        }
    }

    /** Forcing a rollback over newer changes needs a reason, whichever way the decision comes. */
    public static void requireReason(String ticketId, FailureResolution resolution, String comment) {
        if (resolution == FailureResolution.FORCE_ROLLBACK && io.tollgate.engine.PrintableText.saysNothing(comment)) {
            throw new InvalidTicketException(List.of("forcing the rollback of ticket " + ticketId + " overwrites rows"
                    + " changed since it executed: say why in a comment"));
        }
        // a ticket closed as failed keeps whatever of it ran: the trail must say why nobody retried or rolled back
        if (resolution == FailureResolution.CLOSE && io.tollgate.engine.PrintableText.saysNothing(comment)) {
            throw new InvalidTicketException(List.of("closing ticket " + ticketId + " as failed leaves what ran of it"
                    + " in place: say why in a comment"));
        }
    }

    static FailureResolution resolution(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case Resolutions.RETRY -> FailureResolution.RETRY;
            case Resolutions.ROLL_BACK -> FailureResolution.ROLL_BACK;
            case Resolutions.CLOSE -> FailureResolution.CLOSE;
            case Resolutions.ROLL_BACK_WITHOUT_CONFLICTS -> FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS;
            case Resolutions.FORCE_ROLLBACK -> FailureResolution.FORCE_ROLLBACK;
            default -> null;
        };
    }

    public static String value(FailureResolution resolution) {
        return switch (resolution) {
            case RETRY -> Resolutions.RETRY;
            case ROLL_BACK -> Resolutions.ROLL_BACK;
            case CLOSE -> Resolutions.CLOSE;
            case ROLL_BACK_WITHOUT_CONFLICTS -> Resolutions.ROLL_BACK_WITHOUT_CONFLICTS;
            case FORCE_ROLLBACK -> Resolutions.FORCE_ROLLBACK;
        };
    }
}
