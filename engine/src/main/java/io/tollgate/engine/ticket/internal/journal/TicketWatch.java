package io.tollgate.engine.ticket.internal.journal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import io.tollgate.engine.cluster.ClusterProperties;
import io.tollgate.engine.cluster.ClusterSignal;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.cluster.StatusWatch;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketUpdates;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Lets a caller wait, without polling, until a ticket leaves a status ({@code GET /api/v1/tickets/{id}?waitWhileStatus=}):
 * the journal calls {@link #changed} for every change, and {@link StatusWatch} wakes the waiters here and, through a
 * {@link ClusterSignal} of kind TICKET, on the other nodes. Open ticket pages follow the same changes
 * ({@link TicketUpdates}).
 */
@Component
public class TicketWatch implements TicketUpdates {

    private final StatusWatch<TicketStatus> watch;

    /** {@code statuses}: {@link TicketStatuses}. */
    TicketWatch(StatusWatch.Statuses<TicketStatus> statuses, ClusterSignals cluster,
                ClusterProperties clusterProperties) {
        this.watch = new StatusWatch<>("ticket-watch", ClusterSignal.Kind.TICKET, statuses, cluster,
                clusterProperties.safetySweep(), 4);
    }

    /** See {@link StatusWatch#awaitChange}. */
    public CompletableFuture<Void> awaitChange(String ticketId, java.util.Set<TicketStatus> statuses, Duration timeout) {
        return watch.awaitChange(ticketId, statuses, timeout);
    }

    @Override
    public ClusterSignals.Registration follow(String ticketId, Runnable changed) {
        return watch.follow(java.util.Objects.requireNonNull(ticketId, "ticketId"), changed);
    }

    @Override
    public void touched(String ticketId) {
        watch.changed(java.util.Objects.requireNonNull(ticketId, "ticketId"));
    }

    /**
     * Called by the journal inside the transaction that changes the ticket; {@code entry} is the ticket as this
     * transaction writes it, whose status after the commit wakes this node's waiters without reading the ticket again.
     */
    void changed(TicketEntry entry) {
        watch.changed(entry.ticketId(), entry::status);
    }

    public ExecutorService readers() {
        return watch.readers();
    }

    @PreDestroy
    void close() {
        watch.close();
    }
}
