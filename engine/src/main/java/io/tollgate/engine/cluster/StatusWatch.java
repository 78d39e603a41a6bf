package io.tollgate.engine.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets callers wait, without polling, until a record (a ticket, a service-tree change) leaves a status: the long
 * polls of ADR 0008. Whoever changes a record calls {@link #changed} inside the transaction; once that commits, the
 * record's waiters here are woken and the other nodes are told with a {@link ClusterSignal} of this watch's kind,
 * whose arrival wakes their waiters the same way (ADR 0022). A safety-net sweep (every {@code safetySweep}, and at
 * once when signals may have been lost) re-reads the statuses waited on, so a lost signal ends the wait too, only
 * later. A wait ends at the latest after its timeout, with whatever status the record has then.
 *
 * @param <S> the record's status type
 */
public final class StatusWatch<S> implements AutoCloseable {

    /** How a watch reads the statuses it waits on. */
    public interface Statuses<S> {

        /** The record's status now; empty when there is no such record. */
        Optional<S> statusOf(String id);

        /** The statuses of those of {@code ids} that exist. */
        Map<String, S> statusesOf(List<String> ids);
    }

    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(StatusWatch.class);

    private record Waiter<S>(Set<S> statuses, CompletableFuture<Void> done) {
    }

    /** Someone following {@code id} (null: every record of this watch's kind), a screen showing it; by identity. */
    private static final class Follower {
        private final String id;
        private final Runnable changed;

        private Follower(String id, Runnable changed) {
            this.id = id;
            this.changed = changed;
        }
    }

    private final String name;
    private final ClusterSignal.Kind kind;
    private final Statuses<S> statuses;
    private final ClusterSignals cluster;
    private final Map<String, Set<Waiter<S>>> waiters = new ConcurrentHashMap<>();
    private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
    private final ExecutorService readers;
    /** Runs the followers' callbacks, apart from the readers, so that a slow screen never delays a long poll. */
    private final ExecutorService telling;
    private final ScheduledThreadPoolExecutor timer;

    /**
     * @param name    names the watch's threads ({@code ticket-watch})
     * @param readers how many threads read the answers of finished waits
     */
    public StatusWatch(String name, ClusterSignal.Kind kind, Statuses<S> statuses, ClusterSignals cluster,
                       Duration safetySweep, int readers) {
        this.name = name;
        this.kind = kind;
        this.statuses = statuses;
        this.cluster = cluster;
        this.readers = Executors.newFixedThreadPool(readers, r -> daemon(r, name + "-reader"));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name));
        this.telling = Executors.newFixedThreadPool(2, r -> daemon(r, name + "-follower"));
        // a wait answered early takes its timeout out of the queue
        timer.setRemoveOnCancelPolicy(true);
        long sweep = safetySweep.toMillis();
        timer.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        cluster.subscribe(kind, new ClusterSignals.Listener() {
            @Override
            public void received(ClusterSignal signal) {
                String id = signal.value(0);
                if (id != null && waiters.containsKey(id)) {
                    execute(() -> check(id));
                }
                if (id != null) {
                    tell(id);
                }
            }

            @Override
            public void missed() {
                execute(StatusWatch.this::sweep);
                tell(null);
            }
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void execute(Runnable task) {
        if (!timer.isShutdown()) {
            timer.execute(task);
        }
    }

    /**
     * Completes (on the watch's own thread, never the caller's) once the record's status is none of {@code statuses},
     * or after {@code timeout}; at once if it is none of them now or the record does not exist.
     */
    public CompletableFuture<Void> awaitChange(String id, Set<S> statuses, Duration timeout) {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a wait needs at least one status to wait out");
        }
        Waiter<S> waiter = new Waiter<>(Set.copyOf(statuses), new CompletableFuture<>());
        // added inside compute: never to a set that a finishing waiter is removing from the map at the same time
        waiters.compute(id, (k, set) -> {
            Set<Waiter<S>> all = set == null ? ConcurrentHashMap.newKeySet() : set;
            all.add(waiter);
            return all;
        });
        ScheduledFuture<?> expiry = timer.schedule(() -> waiter.done().complete(null), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.done().whenComplete((v, e) -> {
            expiry.cancel(false);
            waiters.computeIfPresent(id, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        });
        // registered first, read second: a change committed in between is seen here or signalled
        execute(() -> check(id));
        return waiter.done();
    }

    /**
     * Called inside the transaction that changes the record: once that commits, wakes its waiters here and tells the
     * other nodes. Without a transaction, at once.
     */
    public void changed(String id) {
        changed(id, () -> null);
    }

    /**
     * {@link #changed(String)} by a writer that holds the record: {@code committedStatus} is asked once the transaction
     * has committed (it reads the status the transaction wrote, e.g. from the entity it changed), and this node's
     * waiters are woken by it without reading the record again; null reads it as {@link #changed(String)} does. Other
     * nodes read it, as always. A waiter woken by a status that an even later commit has already replaced is woken
     * early at worst: the caller reads the record for its answer and may wait again ({@code TicketController}).
     */
    public void changed(String id, java.util.function.Supplier<S> committedStatus) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed(id, committedStatus.get());
                }
            });
        } else {
            committed(id, committedStatus.get());
        }
    }

    private void committed(String id, S status) {
        cluster.publish(kind, List.of(id));
        if (waiters.containsKey(id)) {
            execute(status == null ? () -> check(id) : () -> release(id, status));
        }
        tell(id);
    }

    /**
     * Calls {@code changed} (on a thread of the watch's own, so it must return quickly: a screen hands it to its
     * session with {@code UI.access}) after every committed change of record {@code id}, on this node or another, and
     * whenever other nodes' changes may have been lost; {@code id} null follows every record of this kind. Unlike
     * {@link #awaitChange} it does not read the record: the follower re-reads what it shows. Until the registration
     * is removed.
     */
    public ClusterSignals.Registration follow(String id, Runnable changed) {
        Follower follower = new Follower(id, Objects.requireNonNull(changed, "changed"));
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    /** Tells the followers of {@code id} (null: every follower, as changes may have been lost). */
    private void tell(String id) {
        for (Follower follower : followers) {
            if (id == null || follower.id == null || follower.id.equals(id)) {
                try {
                    telling.execute(() -> {
                        try {
                            follower.changed.run();
                        } catch (RuntimeException e) {
                            LOG.warn("{}: a follower of {} failed: {}", name, follower.id, e.toString());
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    return;
                }
            }
        }
    }

    private void check(String id) {
        if (!waiters.containsKey(id)) {
            return;
        }
        try {
            release(id, statuses.statusOf(id).orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot read the status of {}; its waiters stay until the next sweep: {}", name, id,
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
                Map<String, S> now = new HashMap<>(statuses.statusesOf(batch));
                batch.forEach(id -> release(id, now.get(id)));
            }
        } catch (RuntimeException e) {
            LOG.warn("{}: cannot sweep the records waited on: {}", name, e.toString());
        }
    }

    private void release(String id, S now) {
        Set<Waiter<S>> set = waiters.get(id);
        if (set != null) {
            set.stream().filter(w -> now == null || !w.statuses().contains(now)).toList()
                    .forEach(w -> w.done().complete(null));
        }
    }

    /** Where the answer to a finished wait is read, so that neither the watch's thread nor the caller's waits on it. */
    public ExecutorService readers() {
        return readers;
    }

    /** Ends every wait and stops the watch's threads. */
    @Override
    public void close() {
        followers.clear();
        telling.shutdown();
        timer.shutdownNow();
        readers.shutdown();
        waiters.values().forEach(set -> set.forEach(w -> w.done().complete(null)));
    }
}
