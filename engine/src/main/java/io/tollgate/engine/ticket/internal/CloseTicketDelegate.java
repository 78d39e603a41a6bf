package io.tollgate.engine.ticket.internal;

import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Records that a DBA closed the ticket as failed. */
@Component(Beans.CLOSE_TICKET)
public class CloseTicketDelegate implements JavaDelegate {

    private final TicketJournal journal;

    CloseTicketDelegate(TicketJournal journal) {
        this.journal = journal;
    }

    @Override
    public void execute(DelegateExecution execution) {
        journal.closed(execution.getProcessBusinessKey());
    }
}
