package io.tollgate.engine.ticket.internal.approval;

import java.util.List;
import java.util.Map;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.audit.CompletionsOutsideTollgate;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing an approval: it counts only as completed by Tollgate's decision use case, which names the decider
 * ({@link ApprovalTasks#completeAsDecision}); any other completion is refused, whatever the task's assignee or the
 * engine's signed-in user (ADR 0058). The ticket is the
 * process's business key and its submitter, reviewer group and routing come from the ticket's row, never from process
 * variables. The {@link ApprovalPolicy} refuses an ineligible decider and records the decision; the trail and mails
 * follow.
 */
@Component(Beans.RECORD_APPROVAL)
public class RecordApprovalListener implements TaskListener {

    private final CompletionsOutsideTollgate outside;

    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;

    RecordApprovalListener(TicketJournal journal, TicketApprovals approvals,
                           ApprovalPolicy policy,
            CompletionsOutsideTollgate outside) {
        this.outside = outside;
        this.journal = journal;
        this.approvals = approvals;
        this.policy = policy;
    }

    @Override
    public void notify(DelegateTask task) {
        String ticketId = task.getExecution().getProcessBusinessKey();
        TicketEntry ticket = journal.require(ticketId);
        String step = TicketApprovals.requireStep(ApprovalTasks.step(task), task.getName(), ticketId);
        String decider = ApprovalTasks.decider(task).orElseThrow(() -> outside.refused(task,
                SqlTicketProcess.KEY, ticketId, "an approval of ticket " + ticketId + " counts only when decided in Tollgate (its"
                + " tasklist or /api/v1), where who decides is checked: task '" + task.getName() + "' was completed"
                + " otherwise (another action, a model's listener or timer, the engine's API), whoever it names"));
        // what the decision use case decided, never the task's variables (a task-local one an admin set would be read
        // here and not by the process's gateway)
        Map<String, ?> decided = ApprovalTasks.decided(task);
        Boolean approved = Variables.APPROVED.from(decided);
        if (approved == null) {
            throw new InvalidTicketException(List.of("complete an approval of ticket " + ticketId
                    + " with the variable " + Variables.APPROVED.name() + " (true or false)"));
        }
        String comment = Variables.COMMENT.from(decided);
        if (!approved && io.tollgate.engine.PrintableText.saysNothing(comment)) {
            throw new InvalidTicketException(List.of("a rejection needs a comment saying why"));
        }
        policy.decide(approvals.subjectFor(ticket, step), step, decider, approved, comment);
        switch (step) {
            case TicketApprovals.ROLLBACK -> journal.rollbackDecided(ticketId, decider, approved, comment);
            case TicketApprovals.REVIEWER -> {
                if (approved) {
                    journal.approved(ticketId, decider, comment,
                            Boolean.FALSE.equals(ticket.dbaApprovalRequired()));
                } else {
                    journal.rejected(ticketId, decider, comment);
                }
            }
            default -> {
                if (approved) {
                    journal.approved(ticketId, decider, comment, true);
                } else {
                    journal.rejected(ticketId, decider, comment);
                }
            }
        }
    }
}
