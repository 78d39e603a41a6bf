package io.tollgate.engine.servicetree.internal.approval;

import io.tollgate.engine.servicetree.internal.journal.Approvers;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating an approval task: clears the previous decision and comment (an SRE approval must not inherit the
 * owner's), and offers {@code Task_OwnerApproval} to the approvers of the change's validated plan as its row records
 * them, never to the requester ({@code Task_SreApproval} is offered to group {@code sre} by the model). Offering is
 * routing only: whether a decision counts is the approval policy's call.
 */
@Component(Beans.OFFER_TO_APPROVERS)
class OfferToApproversListener implements TaskListener {

    private final ChangeLedger ledger;

    OfferToApproversListener(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateTask task) {
        task.removeVariable(Variables.APPROVED.name());
        task.removeVariable(Variables.COMMENT.name());
        if (!Elements.TASK_OWNER_APPROVAL.equals(task.getTaskDefinitionKey())) {
            return;
        }
        Approvers approvers = ChangeApprovals.approvers(ledger.entry(task.getExecution().getProcessBusinessKey()));
        approvers.users().forEach(task::addCandidateUser);
        approvers.groups().forEach(task::addCandidateGroup);
    }
}
