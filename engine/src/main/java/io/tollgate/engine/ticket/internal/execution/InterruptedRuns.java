package io.tollgate.engine.ticket.internal.execution;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.tollgate.engine.NodeName;
import io.tollgate.engine.joblock.HeldJobs;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.integrations.mysql.execution.MysqlTicketExecutor;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sees, within seconds, an execution or a rollback whose node died, and hands it to the next job acquisition. Without this, the
 * execute job stays locked by the dead node until the lock expires (5 minutes by default) and the ticket shows
 * EXECUTING with nothing in its trail.
 *
 * <p>Every {@code interrupted-run-check} each node looks at the EXECUTING tickets whose execute job a job executor
 * holds, and the ROLLING_BACK tickets whose rollback job one holds (both runs hold the same lock on the target). A live run holds the ticket's named lock on the target ({@code tollgate-run:<id>}) for as long as it runs;
 * the target ends a dead client's connection, and the lock with it. A ticket whose job is locked while that lock is
 * free on two looks at least {@code interrupted-run-settle} apart (the same job lock both times, so not a run just
 * starting or just finishing) is interrupted; so is one whose lock is free once when the job's lock owner is a
 * process of this machine that no longer exists (a node restarted after a crash). Then, in one transaction, its
 * job's lock is released and the trail records where the run got to and which node stopped, with the statements
 * done so far on the ticket. This node's job executor is woken; whichever node acquires the job resumes the run, and
 * the ledger on the target makes sure that nothing runs twice.
 */
public class InterruptedRuns {

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private record Suspect(HeldJobs.Lock lock, Instant since) {
    }

    private final TicketRepository tickets;
    private final TicketJournal journal;
    private final TicketExecution execution;
    private final ExecutionJobs jobs;
    private final TransactionTemplate transactions;
    private final Duration settle;
    private final Clock clock;
    private final Map<String, Suspect> suspects = new ConcurrentHashMap<>();

    InterruptedRuns(TicketRepository tickets, TicketJournal journal, TicketExecution execution, ExecutionJobs jobs,
                    TransactionTemplate transactions, Duration settle, Clock clock) {
        this.tickets = tickets;
        this.journal = journal;
        this.execution = execution;
        this.jobs = jobs;
        this.transactions = transactions;
        this.settle = settle;
        this.clock = clock;
    }

    /** @return how many interrupted executions were released for resumption */
    int reconcile() {
        Set<String> executing = new HashSet<>(tickets.findTicketIdsByStatus(TicketStatus.EXECUTING));
        Set<String> rollingBack = new HashSet<>(tickets.findTicketIdsByStatus(TicketStatus.ROLLING_BACK));
        Set<String> running = new HashSet<>(executing);
        running.addAll(rollingBack);
        suspects.keySet().retainAll(running);
        int released = 0;
        for (String ticketId : running) {
            try {
                if (look(ticketId, rollingBack.contains(ticketId))) {
                    released++;
                }
            } catch (RuntimeException e) {
                // the next look tries again; a concurrent release on another node is routine, anything else (an
                // unreachable target, say) an operator sees: why a run that looks dead is not resumed yet
                suspects.remove(ticketId);
                log.atLevel(HeldJobs.lostRace(e) ? Level.DEBUG : Level.WARN)
                        .log("cannot tell whether the {} of {} was interrupted: {}",
                                rollingBack.contains(ticketId) ? "rollback" : "execution", ticketId, e.toString());
            }
        }
        if (released > 0) {
            jobs.wakeJobExecutor();
        }
        return released;
    }

    private boolean look(String ticketId, boolean rollback) {
        Instant now = clock.instant();
        HeldJobs.Lock lock = (rollback ? jobs.lockedRollbackJob(ticketId, now)
                : jobs.lockedExecuteJob(ticketId, now)).orElse(null);
        if (lock == null) {
            suspects.remove(ticketId);
            return false;
        }
        TicketEntry ticket = journal.find(ticketId).orElse(null);
        if (ticket == null) {
            return false;
        }
        MysqlTicketExecutor executor = execution.executor(ticket).orElseThrow();
        if (executor.running(ticketId)) {
            suspects.remove(ticketId);
            return false;
        }
        // a lock owner of this machine whose process is gone is dead for sure: no need to wait and look again
        if (!NodeName.goneFromThisHost(lock.owner())) {
            Suspect seen = suspects.get(ticketId);
            if (seen == null || !seen.lock().equals(lock)) {
                suspects.put(ticketId, new Suspect(lock, now));
                return false;
            }
            if (Duration.between(seen.since(), now).compareTo(settle) < 0) {
                return false;
            }
        }
        List<StatementResult> done = (rollback ? executor.undone(ticketId) : executor.done(ticketId)).stream()
                .map(InterruptedRuns::result).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (rollback) {
            // in the order the rollback ran them, as its own report lists them: from the last statement back
            Collections.reverse(done);
        }
        // a rollback undoes the statements the execution completed
        int total = rollback ? executor.done(ticketId).size() : ticket.statementCount();
        suspects.remove(ticketId);
        Boolean released = transactions.execute(status -> {
            if (!jobs.release(lock)) {
                return false;
            }
            if (rollback) {
                journal.rollbackInterrupted(ticketId, NodeName.whyRunEnded(lock.owner()), done, total);
            } else {
                journal.interrupted(ticketId, NodeName.whyRunEnded(lock.owner()), done, total);
            }
            return true;
        });
        if (Boolean.TRUE.equals(released)) {
            log.warn("{} of {} was interrupted after {} of {} statements: {}; its job is released and the run"
                    + " resumes", rollback ? "rollback" : "execution", ticketId, done.size(), total, NodeName.whyRunEnded(lock.owner()));
            return true;
        }
        return false;
    }

    private static StatementResult result(StatementOutcome done) {
        return new StatementResult(done.index(), done.kind() == null ? null : done.kind().name(),
                done.status().name(), done.affectedRows(), done.message());
    }
}
