package io.tollgate.ui.tickets;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.ticket.TicketUpdates;
import io.tollgate.ui.layout.PushedRefresh;

/**
 * Keeps an open ticket page live by push: a change of the ticket (status, trail, results, progress) or of one of its
 * tasks (created, claimed, completed), committed on this node or any other, runs {@code refresh} inside
 * {@link UI#access}. A burst of changes arriving before the UI got to the first one is refreshed once. When changes of
 * other nodes may have been lost, the page is refreshed too. {@code follow} reads once right after subscribing
 * ({@link PushedRefresh#caughtUp}).
 */
record LiveTicket(String ticketId, ClusterSignals.Registration ticket, TaskEvents.Registration tasks)
        implements AutoCloseable {

    static LiveTicket follow(UI ui, String ticketId, TicketUpdates updates, TaskEvents taskEvents, Runnable refresh) {
        PushedRefresh push = new PushedRefresh(ui, refresh);
        LiveTicket live = new LiveTicket(ticketId, updates.follow(ticketId, push), taskEvents.subscribe(change -> {
            if (change.type() == TaskChange.Type.MISSED || ticketId.equals(change.businessKey())) {
                push.run();
            }
        }));
        push.caughtUp(live);
        return live;
    }

    @Override
    public void close() {
        ticket.remove();
        tasks.remove();
    }
}
