package io.tollgate.engine.ticket.internal;

import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records that the submitter withdrew the ticket. */
@Component(Beans.RECORD_WITHDRAWAL)
public class RecordTicketWithdrawalDelegate implements JavaDelegate {

    private final TicketJournal journal;

    RecordTicketWithdrawalDelegate(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        journal.withdrawn(execution.getProcessBusinessKey());
    }
}
