package io.tollgate.engine.servicetree;

import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Errors;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyChange} (a job): applies the approved plan, which it reads from the change's row (never from a
 * process variable) and applies only when the gate ({@link ChangeApprovals}) finds every approval recorded for exactly
 * that plan, and the plan still passes the tree's rules against the tree as it is now (no cycle, unique names). A
 * refusal goes back to the requester like a conflict. Safe to run twice: a second run finds the change id's marker and
 * gets the first result back. ZooKeeper unreachable: the exception fails the job, which is retried.
 */
@Component(Beans.APPLY_CHANGE)
class ApplyChangeDelegate implements JavaDelegate {

    private final ServiceTreeChanges changes;
    private final ChangeLedger ledger;
    private final ChangeApprovals approvals;

    ApplyChangeDelegate(ServiceTreeChanges changes, ChangeLedger ledger, ChangeApprovals approvals) {
        this.changes = changes;
        this.ledger = ledger;
        this.approvals = approvals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String changeId = execution.getProcessBusinessKey();
        ChangePlan plan;
        try {
            plan = approvals.requireApplicable(ledger.entry(changeId));
        } catch (ApprovalRefusedException refused) {
            refuse(execution, changeId, refused.getMessage());
            return;
        }
        ApplyResult result = changes.apply(plan);
        if (!result.applied()) {
            Variables.CONFLICT.set(execution, result.message());
            ledger.conflict(result);
            throw new BpmnError(Errors.APPLY_CONFLICT, result.message());
        }
        ledger.applied(result);
    }

    private void refuse(DelegateExecution execution, String changeId, String why) {
        Variables.CONFLICT.set(execution, why);
        ledger.applyRefused(changeId, why);
        throw new BpmnError(Errors.APPLY_CONFLICT, why);
    }
}
