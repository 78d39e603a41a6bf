package io.tollgate.engine.servicetree.internal.apply;

import io.tollgate.engine.servicetree.internal.journal.ChangeJson;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyChange}: reads the nodes of the change's validated plan (from its row) back and records before,
 * after and versions.
 */
@Component(Beans.VERIFY_CHANGE)
class VerifyChangeDelegate implements JavaDelegate {

    private final ServiceTreeChanges changes;
    private final ChangeLedger ledger;

    VerifyChangeDelegate(ServiceTreeChanges changes, ChangeLedger ledger) {
        this.changes = changes;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ledger.verified(changes.verify(ChangeJson.plan(ledger.entry(execution.getProcessBusinessKey()).planJson())));
    }
}
