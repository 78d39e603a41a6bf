package io.tollgate.engine.servicetree;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a caller wait, without polling, until a service-tree change leaves a status
 * ({@code GET /api/v1/service-tree/changes/{id}?waitWhileStatus=}), as tickets do (ADR 0008): the ledger signals every
 * status it writes once its transaction commits, and a sweep every {@link #SWEEP} re-reads the statuses waited on, so
 * a change moved on another node (or a lost signal) ends the wait too, at most a second later.
 */
@Component
class ChangeWatch {

    static final Duration SWEEP = Duration.ofSeconds(1);
    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeWatch.class);

    private record Waiter(ChangeStatus status, CompletableFuture<Void> done) {
    }

    private final ChangeEntryRepository changes;
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tree-change-watch-reader");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "tree-change-watch");
        t.setDaemon(true);
        return t;
    });

    ChangeWatch(ChangeEntryRepository changes) {
        this.changes = changes;
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Completes (on the watch's own thread) once the change's status is not {@code status}, or after {@code timeout};
     * at once if it is not {@code status} now or the change does not exist.
     */
    CompletableFuture<Void> awaitChange(String changeId, ChangeStatus status, Duration timeout) {
        Waiter waiter = new Waiter(status, new CompletableFuture<>());
        waiters.compute(changeId, (k, set) -> {
            Set<Waiter> all = set == null ? ConcurrentHashMap.newKeySet() : set;
            all.add(waiter);
            return all;
        });
        ScheduledFuture<?> expiry = timer.schedule(() -> waiter.done().complete(null), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.done().whenComplete((v, e) -> {
            expiry.cancel(false);
            waiters.computeIfPresent(changeId, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        });
        // registered first, read second: a status committed in between is seen here or signalled
        timer.execute(() -> check(changeId));
        return waiter.done();
    }

    /** Called by the ledger in the transaction that moves the change: wakes its waiters once that commits. */
    void changed(String changeId) {
        if (!waiters.containsKey(changeId)) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    timer.execute(() -> check(changeId));
                }
            });
        } else {
            timer.execute(() -> check(changeId));
        }
    }

    private void check(String changeId) {
        if (!waiters.containsKey(changeId)) {
            return;
        }
        try {
            release(changeId, changes.statusOf(changeId).orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the status of change {}; its waiters stay until the next sweep: {}", changeId,
                    e.toString());
        }
    }

    private void sweep() {
        if (waiters.isEmpty()) {
            return;
        }
        try {
            List<String> ids = List.copyOf(waiters.keySet());
            for (int from = 0; from < ids.size(); from += SWEEP_BATCH) {
                List<String> batch = ids.subList(from, Math.min(ids.size(), from + SWEEP_BATCH));
                Map<String, ChangeStatus> statuses = new HashMap<>();
                for (ChangeEntryRepository.StatusOf row : changes.statusesOf(batch)) {
                    statuses.put(row.getChangeId(), row.getStatus());
                }
                batch.forEach(id -> release(id, statuses.get(id)));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot sweep the service-tree changes waited on: {}", e.toString());
        }
    }

    private void release(String changeId, ChangeStatus now) {
        Set<Waiter> set = waiters.get(changeId);
        if (set != null) {
            set.stream().filter(w -> now != w.status()).toList().forEach(w -> w.done().complete(null));
        }
    }

    /** Where the answer to a finished wait is read, so that neither the watch's thread nor the caller's waits on it. */
    ExecutorService readers() {
        return readers;
    }

    @PreDestroy
    void close() {
        timer.shutdownNow();
        readers.shutdown();
        waiters.values().forEach(set -> set.forEach(w -> w.done().complete(null)));
    }
}
