package io.tollgate.engine.servicetree;

import java.time.Clock;
import java.time.Instant;

import io.tollgate.integrations.servicetree.ApplyResult;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records applies that ZooKeeper committed but whose job never committed its database transaction (the node died in
 * between). Such a job stays locked for the job executor's lock time (minutes) before it runs again and finds the
 * marker; meanwhile the tree is changed and the audit would say APPROVED. Every {@code reconcile-interval} (and so
 * soon after a restart), each APPROVED change whose marker is older than {@code apply-settle-time} is recorded as
 * applied, under a row lock so that two nodes record it once. The job's later run then replays: nothing twice.
 */
class InterruptedApplies {

    private static final Logger log = LoggerFactory.getLogger(InterruptedApplies.class);

    private final ChangeEntryRepository entries;
    private final ChangeLedger ledger;
    private final ServiceTreeChanges changes;
    private final ServiceTreeChangeProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    InterruptedApplies(ChangeEntryRepository entries, ChangeLedger ledger, ServiceTreeChanges changes,
                       ServiceTreeChangeProperties properties, TransactionTemplate transactions, Clock clock) {
        this.entries = entries;
        this.ledger = ledger;
        this.changes = changes;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return how many changes were recorded as applied */
    int reconcile() {
        Instant settled = clock.instant().minus(properties.applySettleTime());
        int recorded = 0;
        for (String changeId : entries.findChangeIdsByStatus(ChangeStatus.APPROVED)) {
            ApplyResult result = changes.appliedResult(changeId).orElse(null);
            if (result == null || !result.applied() || result.appliedAt().isAfter(settled)) {
                continue;
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
                recorded++;
            }
        }
        return recorded;
    }
}
