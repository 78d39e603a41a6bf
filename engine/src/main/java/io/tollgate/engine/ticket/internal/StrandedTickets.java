package io.tollgate.engine.ticket.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.EachApart;
import io.tollgate.engine.FixedDelaySchedule;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.internal.execution.TicketExecution;
import io.tollgate.engine.ticket.internal.execution.TicketProperties;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tickets whose process an admin ended in the engine (deleted it, or moved it to an end, in Cockpit) while they waited
 * for it: before, such a ticket stayed as it was with nothing waiting ("executing", "execution failed", "awaiting
 * approval", "scheduled", "rollback requested"...), and nobody could decide, run, retry or close it. Each look finds
 * them (a status that waits for the process, unchanged for a while, no running process, a process that ran once, no
 * run of it still holding its lock on the target) and starts their process anew:
 * <ul>
 *   <li>after a run started: at the DBA's decision, the failure's or the failed rollback's;</li>
 *   <li>before it ran: at the review, a new review round, so that the approvals are given anew (Tollgate does not
 *   carry approvals over to a process it did not see them given in, and an admin's deletion is not an approval);</li>
 *   <li>with a rollback requested and not yet decided: at the rollback's approval.</li>
 * </ul>
 * The ticket's row is locked and read again first, so two nodes restart it once.
 */
@Component
class StrandedTickets {

    private static final Logger log = LoggerFactory.getLogger(StrandedTickets.class);

    /** Where a ticket has a run behind it and waits for its process: a run, or a DBA's decision after one. */
    static final Set<TicketStatus> AFTER_A_RUN = EnumSet.of(TicketStatus.EXECUTING, TicketStatus.EXECUTION_FAILED,
            TicketStatus.ROLLING_BACK, TicketStatus.ROLLBACK_FAILED);
    /** Every status in which a ticket waits for its process. */
    static final Set<TicketStatus> WAITING_FOR_A_PROCESS = EnumSet.of(TicketStatus.ROLLBACK_REQUESTED);

    static {
        WAITING_FOR_A_PROCESS.addAll(AFTER_A_RUN);
        WAITING_FOR_A_PROCESS.addAll(TicketStatus.BEFORE_A_RUN);
    }

    private static final List<String> WAITING_NAMES = WAITING_FOR_A_PROCESS.stream().map(Enum::name).toList();
    static final int PAGE = 1000;

    private final TicketRepository tickets;
    private final TicketJournal journal;
    private final TicketProcessStart restart;
    private final RollbackWindows rollbackWindows;
    private final TicketExecution execution;
    private final RuntimeService runtimeService;
    private final TransactionTemplate tx;
    private final Duration quiet;
    private final Clock clock;

    StrandedTickets(TicketRepository tickets, TicketJournal journal, TicketProcessStart restart,
                    RollbackWindows rollbackWindows, TicketExecution execution, RuntimeService runtimeService,
                    PlatformTransactionManager transactions, TicketProperties properties, Clock clock) {
        this.tickets = tickets;
        this.journal = journal;
        this.restart = restart;
        this.rollbackWindows = rollbackWindows;
        this.execution = execution;
        this.runtimeService = runtimeService;
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

    /** One look: starts anew the process of every stranded ticket found; how many it restarted. */
    int reopenStranded() {
        return EachApart.count(tickets.quietWithoutProcess(WAITING_NAMES, clock.instant().minus(quiet),
                PageRequest.of(0, PAGE)), tx, this::reopen, log, "start the process of ticket {} anew");
    }

    private boolean reopen(String ticketId) {
        TicketEntry ticket = journal.requireLocked(ticketId);
        if (!WAITING_FOR_A_PROCESS.contains(ticket.status()) || running(ticketId)) {
            return false; // moved on, or restarted by another node, since the look
        }
        if (TicketStatus.BEFORE_A_RUN.contains(ticket.status())) {
            journal.processRestarted(ticketId, TicketStatus.REVIEWING, "its process was ended in the engine"
                    + " (Cockpit) while it was " + waitingFor(ticket.status()) + "; nothing of it ran. It is reviewed"
                    + " and approved anew: approvals given before no longer count");
            restart.startBefore(ticket, Elements.TASK_REVIEW_TICKET, null);
            return true;
        }
        if (ticket.status() == TicketStatus.ROLLBACK_REQUESTED) {
            journal.processRestarted(ticketId, TicketStatus.ROLLBACK_REQUESTED, "its process was ended in the engine"
                    + " (Cockpit) while the rollback requested waited for its approval; the approval waits again");
            return rollbackWindows.resume(ticket);
        }
        if (execution.runStillGoing(ticket)) {
            // a run whose job went with the process goes on until it ends (its statements commit): a DBA decides
            // after it, on what it did, not while it runs (a "close" then would hide what it committed)
            return false;
        }
        boolean rollback = ticket.status() == TicketStatus.ROLLING_BACK
                || ticket.status() == TicketStatus.ROLLBACK_FAILED;
        String when = switch (ticket.status()) {
            case EXECUTING -> "while it executed (or waited in the queue to)";
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
                + " ended): a retry records them and runs the rest, each once; roll back or close after it" : ""));
        restart.startBefore(ticket, rollback ? Elements.TASK_RESOLVE_ROLLBACK_FAILURE : Elements.TASK_RESOLVE_FAILURE,
                null);
        return true;
    }

    private static String waitingFor(TicketStatus status) {
        return switch (status) {
            case REVIEWING -> "in review";
            case REVIEW_FAILED -> "waiting for its submitter's fix after a failed review";
            case AWAITING_APPROVAL -> "waiting for approval";
            case SCHEDULED -> "approved and waiting for its scheduled time";
            default -> "approved and waiting for its submitter's Execute";
        };
    }

    private boolean running(String ticketId) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticketId).count() > 0;
    }
}
