package io.tollgate.engine.joblock;

import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Component;

/**
 * Which job executor holds a given step's job now, and releasing that lock when the node holding it is gone. Camunda 7
 * has no API for either; a job locked by a dead node is otherwise acquired again only when its lock expires
 * ({@code lock-time-in-millis}, 5 minutes by default). Used for the service-tree apply job (issue 16); the ticket's
 * execute and rollback jobs use it too ({@code ticket.internal.execution.ExecutionJobs}).
 */
@Component
public class HeldJobs {

    /** A job as locked by a job executor ({@code owner}, until {@code expires}). */
    public record Lock(String jobId, String owner, Instant expires) {
    }

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ProcessEngineConfigurationImpl configuration;

    HeldJobs(RuntimeService runtime, ManagementService management, ProcessEngineConfigurationImpl configuration) {
        this.runtime = runtime;
        this.management = management;
        this.configuration = configuration;
    }

    /** The job of {@code activityId} in the process {@code processKey} of {@code businessKey} while a job executor
     * holds it (locked, lock not expired), else empty. */
    public Optional<Lock> locked(String processKey, String businessKey, String activityId, Instant now) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(businessKey).list()) {
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
    public boolean release(Lock lock) {
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

    /**
     * Whether a look or a release failed because another node got to the same job or row first (an optimistic lock,
     * a deadlock): routine in a cluster, unlike an unreachable target or ZooKeeper, which an operator should see.
     */
    public static boolean lostRace(RuntimeException e) {
        return e instanceof OptimisticLockingException || e instanceof ConcurrencyFailureException;
    }

    /** Wakes this node's job executor so that it acquires released jobs now, not after its idle wait. */
    public void wakeJobExecutor() {
        JobExecutor executor = configuration.getJobExecutor();
        if (executor != null) {
            executor.jobWasAdded();
        }
    }
}
