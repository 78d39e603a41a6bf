package io.tollgate.engine.servicetree.internal;

import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.engine.stuck.StuckStep;
import io.tollgate.engine.stuck.StuckStepRecords;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import org.springframework.stereotype.Component;

/** A tree change's stuck steps go on the change: its page shows them, its events and mails say so (ADR 0052). */
@Component
class StuckChangeSteps implements StuckStepRecords {

    private final ChangeLedger ledger;

    StuckChangeSteps(ChangeLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public String processKey() {
        return ServiceTreeChangeProcess.KEY;
    }

    @Override
    public void stuck(StuckStep step) {
        ledger.stuck(step.businessKey(), step.label(), step.reason());
    }

    @Override
    public void retried(StuckStep step, String actor) {
        ledger.stepRetried(step.businessKey(), step.label(), actor);
    }

    @Override
    public void gone(StuckStep step) {
        ledger.stepGone(step.businessKey());
    }
}
