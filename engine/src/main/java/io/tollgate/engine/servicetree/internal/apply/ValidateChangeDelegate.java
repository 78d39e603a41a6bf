package io.tollgate.engine.servicetree.internal.apply;

import io.tollgate.engine.servicetree.internal.journal.ChangeJson;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
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

/**
 * {@code Task_ValidateChange}: validates and snapshots the change recorded when it was requested; the plan, its
 * approvers and any violations go to the change's row (with the plan's hash, a new approval round), never into process
 * variables, whatever their size; an invalid change ends as refused. The only variable it sets is {@code critical},
 * which routes to the SRE approval.
 */
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
        // the change as requested through Tollgate (its row), not as a variable says
        ServiceTreeChange change = ChangeJson.change(ledger.entry(execution.getProcessBusinessKey()).changeJson());
        ChangePlan plan = changes.validate(change);
        if (!plan.valid()) {
            ledger.refused(plan, execution.getProcessInstanceId());
            throw new BpmnError(Errors.CHANGE_INVALID, plan.violations().size() + " violation(s) of the tree's rules");
        }
        Variables.CRITICAL.set(execution, plan.critical());
        ledger.validated(plan, execution.getProcessInstanceId());
    }
}
