package io.tollgate.engine.ticket;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The engine's side of a ticket's execute and rollback jobs: whether a job executor holds it locked now, and releasing that lock
 * when the node that holds it is gone. Camunda 7 has no API for either; a job locked by a dead node is otherwise
 * acquired again only when its lock expires ({@code lock-time-in-millis}, 5 minutes by default).
 */
@Component
class ExecutionJobs {

    /** The execute job of a ticket as locked by a job executor ({@code owner}, until {@code expires}). */
    record Lock(String jobId, String owner, Instant expires) {
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl configuration;

    ExecutionJobs(RuntimeService runtime, ManagementService management, ProcessEngineConfigurationImpl configuration) {
        this.runtime = runtime;
        this.management = management;
        this.configuration = configuration;
    }

    /** The ticket's execute job while a job executor holds it (locked, lock not expired), else empty. */
    Optional<Lock> lockedExecuteJob(String ticketId, Instant now) {
        return lockedJob(ticketId, Elements.TASK_EXECUTE_TICKET, now);
    }

    /** The ticket's rollback job while a job executor holds it (locked, lock not expired), else empty. */
    Optional<Lock> lockedRollbackJob(String ticketId, Instant now) {
        return lockedJob(ticketId, Elements.TASK_ROLL_BACK_TICKET, now);
    }

    private Optional<Lock> lockedJob(String ticketId, String activityId, Instant now) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(SqlTicketProcess.KEY)
                .processInstanceBusinessKey(ticketId).list()) {
            for (Job job : management.createJobQuery().processInstanceId(instance.getId())
                    .activityId(activityId).list()) {
                if (job instanceof JobEntity entity && entity.getLockOwner() != null
                        && entity.getLockExpirationTime() != null
                        && entity.getLockExpirationTime().toInstant().isAfter(now)) {
                    return Optional.of(new Lock(entity.getId(), entity.getLockOwner(),
                            entity.getLockExpirationTime().toInstant()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Releases the job's lock if it is still exactly {@code lock} (same owner, same expiry), in the caller's
     * transaction; the job's optimistic lock makes a concurrent release or acquisition fail rather than both win.
     *
     * @return whether it was released
     */
    boolean release(Lock lock) {
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            JobEntity job = context.getJobManager().findJobById(lock.jobId());
            if (job == null || !Objects.equals(job.getLockOwner(), lock.owner()) || job.getLockExpirationTime() == null
                    || !job.getLockExpirationTime().toInstant().equals(lock.expires())) {
                return false;
            }
            job.setLockOwner(null);
            job.setLockExpirationTime((Date) null);
            return true;
        });
    }

    /** Wakes this node's job executor so that it acquires released jobs now, not after its idle wait. */
    void wakeJobExecutor() {
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null) {
            executor.jobWasAdded();
        }
    }
}
