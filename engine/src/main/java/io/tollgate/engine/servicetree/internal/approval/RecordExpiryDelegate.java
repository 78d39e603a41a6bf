package io.tollgate.engine.servicetree.internal.approval;

import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordExpiry}: the approvals were not decided in time. */
@Component(Beans.RECORD_EXPIRY)
class RecordExpiryDelegate implements JavaDelegate {

    private final ChangeLedger ledger;

    RecordExpiryDelegate(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ledger.expired(Variables.CHANGE_ID.require(execution));
    }
}
