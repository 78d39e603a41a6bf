package io.tollgate.engine.servicetree.internal.apply;

import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.joblock.JobLockKeeper;
import io.tollgate.engine.servicetree.internal.approval.ChangeApprovals;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
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
 * gets the first result back. ZooKeeper unreachable: the exception fails the job, which is retried. The job's lock is
 * kept moving while it runs ({@link JobLockKeeper}), so that a lock that stops moving tells another node that this one
 * died mid-apply ({@link InterruptedApplies} hands the job on within seconds).
 */
@Component(Beans.APPLY_CHANGE)
class ApplyChangeDelegate implements JavaDelegate {

    private final ServiceTreeChanges changes;
    private final ChangeLedger ledger;
    private final ChangeApprovals approvals;
    private final JobLockKeeper keeper;

    ApplyChangeDelegate(ServiceTreeChanges changes, ChangeLedger ledger, ChangeApprovals approvals,
                        JobLockKeeper keeper) {
        this.keeper = keeper;
        this.changes = changes;
        this.ledger = ledger;
        this.approvals = approvals;
    }

    @Override
    public void execute(DelegateExecution execution) {
        keeper.whileRunning(() -> {
            apply(execution);
            return null;
        });
    }

    private void apply(DelegateExecution execution) {
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
