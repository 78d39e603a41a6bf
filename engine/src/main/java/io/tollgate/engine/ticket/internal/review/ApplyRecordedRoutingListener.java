package io.tollgate.engine.ticket.internal.review;

import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After the model's business rule task: the model routes to the DBA's task when the review recorded that a DBA
 * approves ({@link ApprovalRouting}), even where the deployed decision the task evaluated answered no (Tollgate's floor,
 * ADR 0059). Without it the gate would refuse the execution the model reached without the DBA.
 */
@Component(Beans.APPLY_RECORDED_ROUTING)
public class ApplyRecordedRoutingListener implements ExecutionListener {

    private final TicketJournal journal;

    ApplyRecordedRoutingListener(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (journal.dbaApprovalRequired(execution.getProcessBusinessKey())) {
            Variables.DBA_APPROVAL_REQUIRED.set(execution, true);
        }
    }
}
