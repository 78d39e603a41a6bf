package io.tollgate.engine.servicetree.internal.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tollgate.engine.NodeName;
import io.tollgate.engine.joblock.HeldJobs;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntryRepository;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds, within seconds, the applies of approved changes whose node died, on every node every
 * {@code reconcile-interval} (and so soon after a restart). Two things are looked for in each APPROVED change:
 * <ul>
 *   <li><b>Its apply job held by a dead node.</b> Without this the job stays locked for the job executor's lock time
 *   (5 minutes) before another node runs it. A live apply keeps its job's lock moving ({@code JobLockKeeper}, every
 *   5 s), so the lock is dead when its owner is a process of this machine that no longer exists (one look), or when
 *   the same lock is seen on two looks at least {@code apply-settle-time} apart. Then, in one transaction, the lock is
 *   released and the trail says why ({@code APPLY_INTERRUPTED}, {@link NodeName#whyRunEnded}); the next job
 *   acquisition, on any node, applies the change, or finds the change id's marker in ZooKeeper and records the first result: the tree is
 *   changed once.</li>
 *   <li><b>An apply ZooKeeper committed but whose database transaction never committed</b> (the node died in
 *   between): once its marker is {@code apply-settle-time} old the change is recorded as applied ("applied by an
 *   earlier attempt"), under a row lock so that two nodes record it once.</li>
 * </ul>
 * Either way nothing is applied or recorded twice.
 */
public class InterruptedApplies {

    private static final Logger log = LoggerFactory.getLogger(InterruptedApplies.class);

    private record Suspect(HeldJobs.Lock lock, Instant since) {
    }

    private final ChangeEntryRepository entries;
    private final ChangeLedger ledger;
    private final ServiceTreeChanges changes;
    private final ServiceTreeChangeProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final HeldJobs jobs;
    private final Map<String, Suspect> suspects = new ConcurrentHashMap<>();

    InterruptedApplies(ChangeEntryRepository entries, ChangeLedger ledger, ServiceTreeChanges changes,
                       ServiceTreeChangeProperties properties, TransactionTemplate transactions, Clock clock,
                       HeldJobs jobs) {
        this.entries = entries;
        this.ledger = ledger;
        this.changes = changes;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.jobs = jobs;
    }

    /** @return how many changes were recorded as applied or had their apply handed on */
    int reconcile() {
        List<String> approved = entries.findChangeIdsByStatus(ChangeStatus.APPROVED);
        suspects.keySet().retainAll(approved);
        int released = 0;
        int recorded = 0;
        for (String changeId : approved) {
            try {
                if (releaseIfDead(changeId)) {
                    released++;
                }
            } catch (RuntimeException e) {
                // the next look tries again; a concurrent release or acquisition on another node is routine,
                // anything else (an unreachable ZooKeeper, say) an operator sees: why the apply is not resumed yet
                suspects.remove(changeId);
                log.atLevel(HeldJobs.lostRace(e) ? Level.DEBUG : Level.WARN)
                        .log("cannot tell whether the apply of {} was interrupted: {}", changeId, e.toString());
            }
            if (recordIfApplied(changeId)) {
                recorded++;
            }
        }
        if (released > 0) {
            jobs.wakeJobExecutor();
        }
        return released + recorded;
    }

    private boolean releaseIfDead(String changeId) {
        Instant now = clock.instant();
        HeldJobs.Lock lock = jobs.locked(ServiceTreeChangeProcess.KEY, changeId,
                ServiceTreeChangeProcess.Elements.TASK_APPLY_CHANGE, now).orElse(null);
        if (lock == null) {
            suspects.remove(changeId);
            return false;
        }
        // a lock owner of this machine whose process is gone is dead for sure: no need to wait and look again
        if (!NodeName.goneFromThisHost(lock.owner())) {
            Suspect seen = suspects.get(changeId);
            if (seen == null || !seen.lock().equals(lock)) {
                suspects.put(changeId, new Suspect(lock, now));
                return false;
            }
            if (Duration.between(seen.since(), now).compareTo(properties.applySettleTime()) < 0) {
                return false;
            }
        }
        suspects.remove(changeId);
        Boolean released = transactions.execute(status -> entries.findLocked(changeId)
                .filter(entry -> entry.status() == ChangeStatus.APPROVED)
                .map(entry -> {
                    if (!jobs.release(lock)) {
                        return false;
                    }
                    ledger.applyInterrupted(changeId, NodeName.whyRunEnded(lock.owner()));
                    return true;
                }).orElse(false));
        if (Boolean.TRUE.equals(released)) {
            log.warn("the apply of service-tree change {} was interrupted: {}; its job is released and the apply"
                    + " resumes", changeId, NodeName.whyRunEnded(lock.owner()));
            return true;
        }
        return false;
    }

    private boolean recordIfApplied(String changeId) {
        Instant settled = clock.instant().minus(properties.applySettleTime());
        ApplyResult result = changes.appliedResult(changeId).orElse(null);
        if (result == null || !result.applied() || result.appliedAt().isAfter(settled)) {
            return false;
        }
        Boolean done = transactions.execute(status -> entries.findLocked(changeId)
                .filter(entry -> entry.status() == ChangeStatus.APPROVED)
                .map(entry -> {
                    ledger.applied(result);
                    return true;
                }).orElse(false));
        if (Boolean.TRUE.equals(done)) {
            log.info("service-tree change {} was applied at {} by an interrupted attempt: recorded as applied",
                    changeId, result.appliedAt());
            return true;
        }
        return false;
    }
}
