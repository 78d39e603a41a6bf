package io.tollgate.engine.ticket.internal.approval;

import java.util.List;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException.Reason;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing an approval, whoever completes it (Tollgate's use case, the engine's Java API, Camunda's REST API):
 * the decider is the signed-in person completing it (or, with nobody signed in, its assignee); the ticket is the
 * process's business key and its submitter, reviewer group and routing come from the ticket's row, never from process
 * variables. The {@link ApprovalPolicy} refuses an ineligible decider and records the decision; the trail and mails
 * follow.
 */
@Component(Beans.RECORD_APPROVAL)
public class RecordApprovalListener implements TaskListener {

    private final IdentityService identityService;
    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;

    RecordApprovalListener(IdentityService identityService, TicketJournal journal, TicketApprovals approvals,
                           ApprovalPolicy policy) {
        this.identityService = identityService;
        this.journal = journal;
        this.approvals = approvals;
        this.policy = policy;
    }

    @Override
    public void notify(DelegateTask task) {
        String ticketId = task.getExecution().getProcessBusinessKey();
        TicketEntry ticket = journal.require(ticketId);
        String step = TicketApprovals.requireStep(ApprovalTasks.step(task), task.getName(), ticketId);
        Authentication authentication = identityService.getCurrentAuthentication();
        String decider = authentication != null && authentication.getUserId() != null
                ? authentication.getUserId() : task.getAssignee();
        if (decider == null) {
            throw new ApprovalRefusedException(Reason.NO_DECIDER, "an approval of ticket " + ticketId
                    + " must be completed by a signed-in user or be assigned to its decider");
        }
        Boolean approved = Variables.APPROVED.get(task);
        if (approved == null) {
            throw new InvalidTicketException(List.of("complete an approval of ticket " + ticketId
                    + " with the variable " + Variables.APPROVED.name() + " (true or false)"));
        }
        String comment = Variables.COMMENT.get(task);
        if (!approved && (comment == null || comment.isBlank())) {
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
