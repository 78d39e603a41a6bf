package io.tollgate.engine.ticket.internal.execution;

import java.time.Clock;
import java.time.Instant;

import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of the rollback window's timer: the window closes only once the time Tollgate records for it has come
 * (the ticket's execution in its trail plus {@code tollgate.tickets.rollback-window}). A timer executed early in
 * Cockpit, given an earlier due date, or created from a rewritten {@code rollbackWindow} variable fails instead: an
 * incident, the ticket still EXECUTED and its submitter still able to ask for a rollback.
 */
@Component(Beans.KEEP_ROLLBACK_WINDOW)
public class KeepRollbackWindowListener implements ExecutionListener {

    private final TicketJournal journal;
    private final TicketProperties properties;
    private final Clock clock;

    KeepRollbackWindowListener(TicketJournal journal, TicketProperties properties, Clock clock) {
        this.journal = journal;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * When the ticket's rollback window closes, as Tollgate records it: its latest execution in the trail plus
     * {@code tollgate.tickets.rollback-window}; {@link Instant#MIN} for a ticket that never executed.
     */
    public Instant closesAt(String ticketId) {
        return journal.executedAt(ticketId).map(at -> at.plus(properties.rollbackWindow())).orElse(Instant.MIN);
    }

    @Override
    public void notify(DelegateExecution execution) {
        String ticketId = execution.getProcessBusinessKey();
        Instant closes = closesAt(ticketId);
        if (clock.instant().isBefore(closes)) {
            throw new TicketNotAllowedException("the rollback window of ticket " + ticketId + " is open until "
                    + closes + ": it does not close before then, whatever moved its timer");
        }
    }
}
