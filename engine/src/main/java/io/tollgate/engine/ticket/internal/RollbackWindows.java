package io.tollgate.engine.ticket.internal;

import java.time.Clock;
import java.time.Instant;

import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.internal.execution.KeepRollbackWindowListener;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * A rollback request whose ticket's process no longer waits for one: an admin ended it, deleted it or moved it in
 * Cockpit. Within the window Tollgate records (the trail's EXECUTED plus {@code tollgate.tickets.rollback-window}) the
 * request is taken all the same: by the rollback approval a moved process already waits at, or by the ticket's
 * rollback path started anew, so that no admin closes the submitter's window early. Past the window it is refused.
 */
@Component
class RollbackWindows {

    private final RuntimeService runtimeService;
    private final KeepRollbackWindowListener window;
    private final TicketProcessStart restart;
    private final TicketTaskReads taskReads;
    private final Clock clock;

    RollbackWindows(RuntimeService runtimeService, KeepRollbackWindowListener window, TicketProcessStart restart,
                    TicketTaskReads taskReads, Clock clock) {
        this.runtimeService = runtimeService;
        this.window = window;
        this.restart = restart;
        this.taskReads = taskReads;
        this.clock = clock;
    }

    /** Takes the request recorded on the EXECUTED {@code ticket} to its rollback approval, or refuses. */
    void reopen(TicketEntry ticket) {
        String ticketId = ticket.ticketId();
        Instant closes = window.closesAt(ticketId);
        if (!clock.instant().isBefore(closes)) {
            throw new TicketNotAllowedException("ticket " + ticketId
                    + " can no longer be rolled back through Tollgate: its rollback window has closed");
        }
        if (taskReads.ticketTask(ticketId, Elements.TASK_ROLLBACK_APPROVAL).isPresent()) {
            return; // moved there without a request: the request now recorded is what it decides
        }
        if (runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).count() > 0) {
            throw new TicketNotAllowedException("ticket " + ticketId + "'s process was moved where it waits for no"
                    + " rollback request (in Cockpit); an admin moves it back to " + Elements.GATEWAY_AFTER_EXECUTION
                    + " or ends it, and the rollback can be requested again until " + closes);
        }
        startRollbackApproval(ticket, closes);
    }

    /**
     * A rollback requested in time (the ticket is ROLLBACK_REQUESTED) whose process an admin ended or deleted before
     * anyone decided it: its approval is started anew, whatever the time now; an answer to the request already
     * recorded. False when a process of the ticket still runs (its approval, or whatever an admin moved it to, decides).
     */
    boolean resume(TicketEntry ticket) {
        if (runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.ticketId()).count() > 0) {
            return false;
        }
        startRollbackApproval(ticket, window.closesAt(ticket.ticketId()));
        return true;
    }

    private void startRollbackApproval(TicketEntry ticket, Instant closes) {
        restart.startBefore(ticket, Elements.TASK_ROLLBACK_APPROVAL, closes);
    }
}
