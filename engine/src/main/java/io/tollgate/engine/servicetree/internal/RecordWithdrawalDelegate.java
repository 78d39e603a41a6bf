package io.tollgate.engine.servicetree.internal;

import io.tollgate.engine.RequesterActions;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordWithdrawal}: the requester withdrew the change; or, where no withdrawal of the requester's led here
 * (an admin moved the process to this step, or completed the requester's task, in the engine), whoever did ended it.
 */
@Component(Beans.RECORD_WITHDRAWAL)
class RecordWithdrawalDelegate implements JavaDelegate {

    private final ChangeLedger ledger;

    RecordWithdrawalDelegate(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String changeId = Variables.CHANGE_ID.require(execution);
        if (RequesterActions.acting(changeId)) {
            ledger.withdrawn(changeId);
        } else {
            ledger.withdrawnInEngine(changeId, RequesterActions.engineActor(execution));
        }
    }
}
