package io.tollgate.engine.ticket.internal;

import io.tollgate.engine.RequesterActions;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records that the submitter withdrew the ticket; or, where no withdrawal of the submitter's led here (an admin moved
 * the process to this step in the engine), that whoever did ended it, not the submitter.
 */
@Component(Beans.RECORD_WITHDRAWAL)
public class RecordTicketWithdrawalDelegate implements JavaDelegate {

    private final TicketJournal journal;

    RecordTicketWithdrawalDelegate(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String ticketId = execution.getProcessBusinessKey();
        if (RequesterActions.acting(ticketId)) {
            journal.withdrawn(ticketId);
        } else {
            journal.withdrawnInEngine(ticketId, RequesterActions.engineActor(execution));
        }
    }
}
