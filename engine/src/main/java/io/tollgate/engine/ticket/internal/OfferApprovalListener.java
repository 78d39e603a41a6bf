package io.tollgate.engine.ticket.internal;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** Every approval starts undecided: the previous approval's decision and comment must not carry over. */
@Component(Beans.OFFER_APPROVAL)
class OfferApprovalListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        task.removeVariable(Variables.APPROVED.name());
        task.removeVariable(Variables.COMMENT.name());
    }
}
