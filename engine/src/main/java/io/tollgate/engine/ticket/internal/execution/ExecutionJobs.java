package io.tollgate.engine.ticket.internal.execution;

import java.time.Instant;
import java.util.Optional;

import io.tollgate.engine.joblock.HeldJobs;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.springframework.stereotype.Component;

/**
 * A ticket's execute and rollback jobs as {@link HeldJobs} sees them: whether a job executor holds one locked now, and
 * releasing that lock when the node that holds it is gone (the rule itself is {@link HeldJobs}'s, shared with the
 * service tree's apply job).
 */
@Component
public class ExecutionJobs {

    private final HeldJobs jobs;

    ExecutionJobs(HeldJobs jobs) {
        this.jobs = jobs;
    }

    /** The ticket's execute job while a job executor holds it (locked, lock not expired), else empty. */
    Optional<HeldJobs.Lock> lockedExecuteJob(String ticketId, Instant now) {
        return jobs.locked(SqlTicketProcess.KEY, ticketId, Elements.TASK_EXECUTE_TICKET, now);
    }

    /** The ticket's rollback job while a job executor holds it (locked, lock not expired), else empty. */
    Optional<HeldJobs.Lock> lockedRollbackJob(String ticketId, Instant now) {
        return jobs.locked(SqlTicketProcess.KEY, ticketId, Elements.TASK_ROLL_BACK_TICKET, now);
    }

    /** Releases the job's lock if it is still exactly {@code lock}; see {@link HeldJobs#release}. */
    boolean release(HeldJobs.Lock lock) {
        return jobs.release(lock);
    }

    /** Wakes this node's job executor so that it acquires released jobs now, not after its idle wait. */
    void wakeJobExecutor() {
        jobs.wakeJobExecutor();
    }
}
