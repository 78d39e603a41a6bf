package io.tollgate.engine.ticket;

import java.time.Duration;
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

import io.tollgate.engine.cluster.ClusterProperties;
import io.tollgate.engine.cluster.ClusterSignal;
import io.tollgate.engine.cluster.ClusterSignals;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a caller wait, without polling, until a ticket leaves a status ({@code GET /api/v1/tickets/{id}?waitWhileStatus=}).
 * The journal signals every change after its transaction commits, here and, as a {@link ClusterSignal} of kind TICKET,
 * to the other nodes, whose signals wake this node's waiters the same way. A safety-net sweep (every
 * {@code tollgate.cluster.safety-sweep}, and at once when signals may have been lost) re-reads the statuses of the
 * tickets waited on, so a signal lost ends the wait too, only later. A wait ends at the latest after its timeout,
 * with whatever status the ticket has then.
 */
@Component
class TicketWatch {

    private static final int SWEEP_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(TicketWatch.class);

    private record Waiter(TicketStatus status, CompletableFuture<Void> done) {
    }

    private final TicketRepository tickets;
    private final ClusterSignals cluster;
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ExecutorService readers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "ticket-watch-reader");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ticket-watch");
        t.setDaemon(true);
        return t;
    });

    TicketWatch(TicketRepository tickets, ClusterSignals cluster, ClusterProperties clusterProperties) {
        this.tickets = tickets;
        this.cluster = cluster;
        // a wait answered early takes its timeout out of the queue
        timer.setRemoveOnCancelPolicy(true);
        long sweep = clusterProperties.safetySweep().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
        cluster.subscribe(ClusterSignal.Kind.TICKET, new ClusterSignals.Listener() {
            @Override
            public void received(ClusterSignal signal) {
                String ticketId = signal.value(0);
                if (ticketId != null && waiters.containsKey(ticketId)) {
                    execute(() -> check(ticketId));
                }
            }

            @Override
            public void missed() {
                execute(TicketWatch.this::sweep);
            }
        });
    }

    private void execute(Runnable task) {
        if (!timer.isShutdown()) {
            timer.execute(task);
        }
    }

    /**
     * Completes (on the watch's own thread, never the caller's) once the ticket's status is not {@code status}, or
     * after {@code timeout}; at once if it is not {@code status} now or the ticket does not exist.
     */
    CompletableFuture<Void> awaitChange(String ticketId, TicketStatus status, Duration timeout) {
        Waiter waiter = new Waiter(status, new CompletableFuture<>());
        // added inside compute: never to a set that a finishing waiter is removing from the map at the same time
        waiters.compute(ticketId, (k, set) -> {
            Set<Waiter> all = set == null ? ConcurrentHashMap.newKeySet() : set;
            all.add(waiter);
            return all;
        });
        ScheduledFuture<?> expiry = timer.schedule(() -> waiter.done().complete(null), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        waiter.done().whenComplete((v, e) -> {
            expiry.cancel(false);
            waiters.computeIfPresent(ticketId, (k, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        });
        // registered first, read second: a change committed in between is seen here or signalled
        timer.execute(() -> check(ticketId));
        return waiter.done();
    }

    /**
     * Called by the journal inside the transaction that changes the ticket: once that commits, wakes its waiters here
     * and tells the other nodes.
     */
    void changed(String ticketId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed(ticketId);
                }
            });
        } else {
            committed(ticketId);
        }
    }

    private void committed(String ticketId) {
        cluster.publish(ClusterSignal.Kind.TICKET, List.of(ticketId));
        if (waiters.containsKey(ticketId)) {
            execute(() -> check(ticketId));
        }
    }

    private void check(String ticketId) {
        if (!waiters.containsKey(ticketId)) {
            return;
        }
        try {
            release(ticketId, tickets.statusOf(ticketId).orElse(null));
        } catch (RuntimeException e) {
            LOG.warn("cannot read the status of ticket {}; its waiters stay until the next sweep: {}", ticketId,
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
                Map<String, TicketStatus> statuses = new java.util.HashMap<>();
                for (TicketRepository.StatusOf row : tickets.statusesOf(batch)) {
                    statuses.put(row.getTicketId(), row.getStatus());
                }
                batch.forEach(id -> release(id, statuses.get(id)));
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot sweep the tickets waited on: {}", e.toString());
        }
    }

    private void release(String ticketId, TicketStatus now) {
        Set<Waiter> set = waiters.get(ticketId);
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
