package io.tollgate.engine.ticket;

import java.util.List;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing an approval, whoever completes it (Tollgate's use case, the engine's Java API, Camunda's REST API):
 * refuses the submitter (four eyes, enforced in the engine) and a completion by nobody in particular, requires the
 * decision and, to reject, a comment; records the decision.
 */
@Component(Beans.RECORD_APPROVAL)
class RecordApprovalListener implements TaskListener {

    private final IdentityService identityService;
    private final TicketJournal journal;

    RecordApprovalListener(IdentityService identityService, TicketJournal journal) {
        this.identityService = identityService;
        this.journal = journal;
    }

    @Override
    public void notify(DelegateTask task) {
        String ticketId = Variables.TICKET_ID.require(task);
        String submitter = Variables.SUBMITTER.require(task);
        Authentication authentication = identityService.getCurrentAuthentication();
        String authenticated = authentication == null ? null : authentication.getUserId();
        if (submitter.equals(authenticated) || submitter.equals(task.getAssignee())) {
            throw new SelfApprovalException(submitter, ticketId);
        }
        String decider = authenticated != null ? authenticated : task.getAssignee();
        if (decider == null) {
            throw new TicketNotAllowedException("an approval of ticket " + ticketId
                    + " must be completed by a signed-in user or be assigned to its decider");
        }
        Boolean approved = Variables.APPROVED.get(task);
        if (approved == null) {
            throw new TicketNotAllowedException("complete an approval of ticket " + ticketId + " with the variable "
                    + Variables.APPROVED.name() + " (true or false)");
        }
        String comment = Variables.COMMENT.get(task);
        if (!approved && (comment == null || comment.isBlank())) {
            throw new InvalidTicketException(List.of("a rejection needs a comment saying why"));
        }
        switch (task.getTaskDefinitionKey()) {
            case Elements.TASK_ROLLBACK_APPROVAL -> journal.rollbackDecided(ticketId, decider, approved, comment);
            case Elements.TASK_REVIEWER_APPROVAL -> {
                if (approved) {
                    journal.approved(ticketId, decider, comment,
                            !Boolean.TRUE.equals(Variables.DBA_APPROVAL_REQUIRED.get(task)));
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
