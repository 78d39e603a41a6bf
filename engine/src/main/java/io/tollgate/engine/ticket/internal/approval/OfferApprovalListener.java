package io.tollgate.engine.ticket.internal.approval;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every approval starts undecided: the previous approval's decision and comment must not carry over. The reviewer
 * approval of a ticket whose submitter asked for a reviewer is assigned to that reviewer when the approval policy
 * lets them take it now (the person is read from the ticket's row; the process variable only says that someone was
 * asked for); otherwise it stays offered to the reviewer group, as without one.
 */
@Component(Beans.OFFER_APPROVAL)
public class OfferApprovalListener implements TaskListener {

    private static final Logger log = LoggerFactory.getLogger(OfferApprovalListener.class);

    private final TicketJournal journal;
    private final TicketApprovals approvals;
    private final ApprovalPolicy policy;

    OfferApprovalListener(TicketJournal journal, TicketApprovals approvals, ApprovalPolicy policy) {
        this.journal = journal;
        this.approvals = approvals;
        this.policy = policy;
    }

    @Override
    public void notify(DelegateTask task) {
        task.removeVariable(Variables.APPROVED.name());
        task.removeVariable(Variables.COMMENT.name());
        if (Elements.TASK_REVIEWER_APPROVAL.equals(task.getTaskDefinitionKey())
                && Variables.REQUESTED_REVIEWER.get(task) != null) {
            offerToRequestedReviewer(task);
        }
    }

    private void offerToRequestedReviewer(DelegateTask task) {
        String ticketId = task.getExecution().getProcessBusinessKey();
        TicketEntry ticket = journal.require(ticketId);
        String reviewer = ticket.requestedReviewer();
        if (reviewer == null) {
            return;
        }
        String step = TicketApprovals.requireStep(ApprovalTasks.step(task), task.getName(), ticketId);
        if (policy.mayDecide(approvals.subjectFor(ticket, step), step, reviewer)) {
            task.setAssignee(reviewer);
        } else {
            log.info("ticket {}: {} was asked to review it but may not take its {} approval now; it stays offered"
                    + " to the reviewer group", ticketId, reviewer, step);
        }
    }
}
