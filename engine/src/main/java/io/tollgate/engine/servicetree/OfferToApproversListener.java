package io.tollgate.engine.servicetree;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** On creating {@code Task_OwnerApproval}: offers it to the plan's approvers, never to the requester. */
@Component(Beans.OFFER_TO_APPROVERS)
class OfferToApproversListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String requester = Variables.REQUESTER.require(task);
        Approvers approvers = Approvers.fromVariables(Variables.APPROVER_USERS.get(task),
                Variables.APPROVER_GROUPS.get(task));
        approvers.users().stream().filter(user -> !user.equals(requester)).forEach(task::addCandidateUser);
        approvers.groups().forEach(task::addCandidateGroup);
    }
}
