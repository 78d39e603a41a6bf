package io.tollgate.engine.servicetree;

import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Errors;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_ValidateChange}: validates and snapshots the change; an invalid change ends as refused. */
@Component(Beans.VALIDATE_CHANGE)
class ValidateChangeDelegate implements JavaDelegate {

    private final ServiceTreeChanges changes;
    private final ChangeLedger ledger;

    ValidateChangeDelegate(ServiceTreeChanges changes, ChangeLedger ledger) {
        this.changes = changes;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ServiceTreeChange change = ChangeJson.change(Variables.CHANGE.require(execution));
        ChangePlan plan = changes.validate(change);
        if (!plan.valid()) {
            Variables.VIOLATIONS.set(execution, String.join("\n", plan.violations()));
            ledger.refused(plan, execution.getProcessInstanceId());
            throw new BpmnError(Errors.CHANGE_INVALID, String.join("; ", plan.violations()));
        }
        Approvers approvers = Approvers.of(plan.approvers(), change.meta().requester());
        Variables.PLAN.set(execution, ChangeJson.write(plan));
        Variables.APPROVER_USERS.set(execution, approvers.usersVariable());
        Variables.APPROVER_GROUPS.set(execution, approvers.groupsVariable());
        Variables.CRITICAL.set(execution, plan.critical());
        ledger.validated(plan, execution.getProcessInstanceId());
    }
}
