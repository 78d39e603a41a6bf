package io.tollgate.engine.servicetree;

import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Errors;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyChange} (a job): applies the approved plan. Safe to run twice: a second run finds the change id's
 * marker and gets the first result back. ZooKeeper unreachable: the exception fails the job, which is retried.
 */
@Component(Beans.APPLY_CHANGE)
class ApplyChangeDelegate implements JavaDelegate {

    private final ServiceTreeChanges changes;
    private final ChangeLedger ledger;

    ApplyChangeDelegate(ServiceTreeChanges changes, ChangeLedger ledger) {
        this.changes = changes;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ApplyResult result = changes.apply(ChangeJson.plan(Variables.PLAN.require(execution)));
        if (!result.applied()) {
            Variables.CONFLICT.set(execution, result.message());
            ledger.conflict(result);
            throw new BpmnError(Errors.APPLY_CONFLICT, result.message());
        }
        ledger.applied(result);
    }
}
