package io.tollgate.engine.servicetree;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RemindApprovers}: records the reminder in the change's history and mails the approvers (through the
 * outbox, in this step's transaction).
 */
@Component(Beans.REMIND_APPROVERS)
class RemindApproversDelegate implements JavaDelegate {

    private final ChangeLedger ledger;

    RemindApproversDelegate(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Approvers approvers = Approvers.fromVariables(Variables.APPROVER_USERS.get(execution),
                Variables.APPROVER_GROUPS.get(execution));
        ledger.reminded(Variables.CHANGE_ID.require(execution),
                "users: " + approvers.usersVariable() + "; groups: " + approvers.groupsVariable());
    }
}
