package io.tollgate.engine.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.internal.execution.TicketExecution;
import io.tollgate.engine.ticket.internal.execution.TicketProperties;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tickets whose process an admin ended in the engine (deleted it, or moved it to an end, in Cockpit) while they ran or
 * waited for a DBA's decision after a failure: before, such a ticket stayed "executing" or "execution failed" with
 * nothing waiting, and nobody could retry, roll back or close it. Each look finds them (a status of that kind, unchanged
 * for a while, no running process, a process that ran once, no run of it still holding its lock on the target) and
 * starts their process anew at the DBA's decision: the failure's, or the failed rollback's. The ticket's row is
 * locked and read again first, so two nodes reopen it once.
 */
@Component
class StrandedTickets {

    /** Where a ticket has a run behind it and waits for its process: a run, or a DBA's decision after one. */
    static final Set<TicketStatus> AFTER_A_RUN = EnumSet.of(TicketStatus.EXECUTING, TicketStatus.EXECUTION_FAILED,
            TicketStatus.ROLLING_BACK, TicketStatus.ROLLBACK_FAILED);
    static final int PAGE = 1000;

    private final TicketRepository tickets;
    private final TicketJournal journal;
    private final TicketProcessRestart restart;
    private final TicketExecution execution;
    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final TransactionTemplate tx;
    private final Duration quiet;
    private final Clock clock;

    StrandedTickets(TicketRepository tickets, TicketJournal journal, TicketProcessRestart restart,
                    TicketExecution execution, RuntimeService runtimeService, HistoryService historyService,
                    PlatformTransactionManager transactions, TicketProperties properties, Clock clock) {
        this.tickets = tickets;
        this.journal = journal;
        this.restart = restart;
        this.execution = execution;
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.tx = new TransactionTemplate(transactions);
        this.quiet = properties.strandedCheck();
        this.clock = clock;
    }

    /** The look, every {@code tollgate.tickets.stranded-check} on each node. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule {
        @Bean
        FixedDelaySchedule strandedTicketLook(StrandedTickets stranded, TicketProperties properties) {
            return new FixedDelaySchedule("tollgate-stranded-tickets", stranded::reopenStranded,
                    properties.strandedCheck(), true);
        }
    }

    /** One look: reopens the decision of every stranded ticket found; how many it reopened. */
    int reopenStranded() {
        int reopened = 0;
        for (String ticketId : tickets.quietIn(AFTER_A_RUN, clock.instant().minus(quiet), PageRequest.of(0, PAGE))) {
            if (!running(ticketId) && Boolean.TRUE.equals(tx.execute(status -> reopen(ticketId)))) {
                reopened++;
            }
        }
        return reopened;
    }

    private boolean reopen(String ticketId) {
        TicketEntry ticket = journal.requireLocked(ticketId);
        if (!AFTER_A_RUN.contains(ticket.status()) || running(ticketId)) {
            return false; // moved on, or reopened by another node, since the look
        }
        if (historyService.createHistoricProcessInstanceQuery().processDefinitionKey(SqlTicketProcess.KEY)
                .processInstanceBusinessKey(ticketId).count() == 0) {
            return false; // never had a process (a row written by hand): nothing of the engine's to reopen
        }
        if (execution.runStillGoing(ticket)) {
            // a run whose job went with the process goes on until it ends (its statements commit): a DBA decides
            // after it, on what it did, not while it runs (a "close" then would hide what it committed)
            return false;
        }
        boolean rollback = ticket.status() == TicketStatus.ROLLING_BACK
                || ticket.status() == TicketStatus.ROLLBACK_FAILED;
        String when = switch (ticket.status()) {
            case EXECUTING -> "while it executed";
            case ROLLING_BACK -> "while it rolled back";
            default -> "while it waited for a DBA's decision after the failed " + (rollback ? "rollback" : "execution");
        };
        // a run that went on after its process ended committed statements Tollgate's record does not hold yet
        int unrecorded = rollback ? 0 : execution.doneInLedger(ticket) - journal.completedStatements(ticket);
        journal.decisionReopened(ticketId, rollback, "its process was ended in the engine (Cockpit) " + when
                + "; what ran is recorded, and a DBA decides again: "
                + (rollback ? "retry the rest of the rollback, or close the ticket" : "retry what did not complete,"
                + " roll back what did, or close the ticket")
                + (unrecorded > 0 ? ". The ledger on the target records " + unrecorded + " more statement"
                + (unrecorded == 1 ? "" : "s") + " done than Tollgate's record (the run went on after its process"
                + " ended): a retry records them and runs the rest, each once; roll back after it" : ""));
        restart.startBefore(ticket, rollback ? Elements.TASK_RESOLVE_ROLLBACK_FAILURE : Elements.TASK_RESOLVE_FAILURE,
                null);
        return true;
    }

    private boolean running(String ticketId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).count() > 0;
    }
}
