package io.tollgate.engine.joblock;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the job executor's lock on the jobs this node is running, for as long as they run (ADR 0016).
 *
 * <p>Camunda locks an acquired job until {@code now + lock-time-in-millis} and acquires it again once that has
 * passed, even while the first run still goes on; the first run's completion then fails on the job's revision
 * ({@code DELETE ... WHERE ID_ = ? AND REV_ = ?}). A job run through {@link #whileRunning} is registered with the
 * owner and revision it was acquired with, and every {@code keep-every} its {@code LOCK_EXP_TIME_} is pushed back to
 * now plus the lock time, by an update that requires the same owner and revision and leaves the revision as it is:
 * the run's own completion, which checks the revision, still succeeds, and no acquisition sees the lock expired.
 * When the node dies the keeping stops, so the lock expires (or is released sooner, ADR 0015) as before. A job whose
 * lock was released or taken meanwhile (a different owner or revision) is no longer touched.
 *
 * <p>When the run ends, the job as the job executor holds it is told the expiry last written. Camunda's failed-job
 * listener records a failure (a retry used, the exception, at the end an incident) only while the stored expiry is
 * the one the job was acquired with, taking any other for a second acquisition; without this, a run that failed
 * after its lock had been kept was never recorded as failed: no retry was counted and no incident ever came, and the
 * job only ran again when its lock expired.
 */
public class JobLockKeeper {

    private static final Logger log = LoggerFactory.getLogger(JobLockKeeper.class);

    /**
     * A job as acquired by this node's job executor; {@code kept} is set once its lock has been pushed back, and
     * {@code ended} when its run returned (both under the object's lock, so no keeping follows the end).
     */
    static final class Held {
        final String jobId;
        final String owner;
        final int revision;
        boolean kept;
        boolean ended;

        Held(String jobId, String owner, int revision) {
            this.jobId = jobId;
            this.owner = owner;
            this.revision = revision;
        }
    }

    private final ProcessEngineConfigurationImpl configuration;
    private final JdbcTemplate jdbc;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();

    public JobLockKeeper(ProcessEngineConfigurationImpl configuration) {
        this.configuration = configuration;
        this.jdbc = new JdbcTemplate(configuration.getDataSource());
    }

    /**
     * Runs {@code work}, keeping the lock of the job that runs it (when a job executor runs it) until it returns.
     * Called from a delegate of an asynchronous step that may run longer than the lock time.
     */
    public <T> T whileRunning(Supplier<T> work) {
        JobExecutorContext context = Context.getJobExecutorContext();
        JobEntity job = context == null ? null : context.getCurrentJob();
        if (job == null || job.getLockOwner() == null) {
            // run by hand (ManagementService#executeJob) or not by a job at all: there is no lock to keep
            return work.get();
        }
        Held running = new Held(job.getId(), job.getLockOwner(), job.getRevision());
        held.add(running);
        try {
            return work.get();
        } finally {
            ended(running, job);
        }
    }

    /**
     * The run of {@code job} returned (or threw): no more keeping, and if its lock was kept, the job entity learns the
     * expiry stored now, so that a failure of this run is recorded as one (see the class comment).
     */
    private void ended(Held running, JobEntity job) {
        synchronized (running) {
            running.ended = true;
            held.remove(running);
            if (!running.kept) {
                return;
            }
            List<Timestamp> stored = jdbc.queryForList("SELECT LOCK_EXP_TIME_ FROM " + table() + " WHERE ID_ = ?"
                    + " AND LOCK_OWNER_ = ? AND REV_ = ?", Timestamp.class, running.jobId, running.owner,
                    running.revision);
            if (stored.size() == 1 && stored.get(0) != null) {
                job.setLockExpirationTime(new Date(stored.get(0).getTime()));
            }
        }
    }

    private String table() {
        return (configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix())
                + "ACT_RU_JOB";
    }

    /** Pushes back the lock expiry of every job running here; returns how many locks were kept. */
    public int keep() {
        JobExecutor executor = configuration.getJobExecutor();
        if (held.isEmpty() || executor == null) {
            return 0;
        }
        Timestamp until = new Timestamp(ClockUtil.getCurrentTime().getTime() + executor.getLockTimeInMillis());
        String table = table();
        int kept = 0;
        for (Held job : held) {
            synchronized (job) {
                if (job.ended) {
                    continue;
                }
                int updated = jdbc.update("UPDATE " + table + " SET LOCK_EXP_TIME_ = ? WHERE ID_ = ?"
                        + " AND LOCK_OWNER_ = ? AND REV_ = ?", until, job.jobId, job.owner, job.revision);
                if (updated == 1) {
                    job.kept = true;
                    kept++;
                } else {
                    // completed and deleted, or released and perhaps acquired again: not ours to keep any more
                    held.remove(job);
                    log.debug("job {} is no longer locked by {} at revision {}", job.jobId, job.owner, job.revision);
                }
            }
        }
        return kept;
    }

    /** How many jobs this node keeps the lock of now. */
    public int keeping() {
        return held.size();
    }
}
