package io.tollgate.engine.servicetree.internal;

import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordWithdrawal}: the requester withdrew the change. */
@Component(Beans.RECORD_WITHDRAWAL)
class RecordWithdrawalDelegate implements JavaDelegate {

    private final ChangeLedger ledger;

    RecordWithdrawalDelegate(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ledger.withdrawn(Variables.CHANGE_ID.require(execution));
    }
}
