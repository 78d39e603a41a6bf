package io.tollgate.engine.servicetree.internal.approval;

import io.tollgate.engine.servicetree.internal.journal.Approvers;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RemindApprovers}: records the reminder in the change's history and mails the approvers its row names
 * (through the outbox, in this step's transaction).
 */
@Component(Beans.REMIND_APPROVERS)
class RemindApproversDelegate implements JavaDelegate {

    private final ChangeLedger ledger;

    RemindApproversDelegate(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String changeId = execution.getProcessBusinessKey();
        Approvers approvers = ChangeApprovals.approvers(ledger.entry(changeId));
        ledger.reminded(changeId, "users: " + String.join(",", approvers.users()) + "; groups: "
                + String.join(",", approvers.groups()));
    }
}
