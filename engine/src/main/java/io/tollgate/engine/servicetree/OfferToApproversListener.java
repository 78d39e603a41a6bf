package io.tollgate.engine.servicetree;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On creating an approval task: clears the previous decision (an SRE approval must not inherit the owner's), and
 * offers {@code Task_OwnerApproval} to the plan's approvers, never to the requester ({@code Task_SreApproval} is
 * offered to group {@code sre} by the model).
 */
@Component(Beans.OFFER_TO_APPROVERS)
class OfferToApproversListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        task.removeVariable(Variables.APPROVED.name());
        if (!Elements.TASK_OWNER_APPROVAL.equals(task.getTaskDefinitionKey())) {
            return;
        }
        String requester = Variables.REQUESTER.require(task);
        Approvers approvers = Approvers.fromVariables(Variables.APPROVER_USERS.get(task),
                Variables.APPROVER_GROUPS.get(task));
        approvers.users().stream().filter(user -> !user.equals(requester)).forEach(task::addCandidateUser);
        approvers.groups().forEach(task::addCandidateGroup);
    }
}
