package io.tollgate.engine.ticket;

import io.tollgate.engine.cluster.ClusterSignals;

/**
 * Tells a screen that a ticket changed (its status, trail, results or progress), after the change commits on this
 * node or on any other node sharing the database (ADR 0022), so that an open ticket page is pushed the change instead
 * of polling for it. Carries no data: the screen re-reads the ticket.
 */
public interface TicketUpdates {

    /**
     * Calls {@code changed} after each committed change of ticket {@code ticketId}, and whenever other nodes' changes
     * may have been lost; on a thread of its own, so it must return quickly (hand it to the session with
     * {@code UI.access}). Until the registration is removed.
     */
    ClusterSignals.Registration follow(String ticketId, Runnable changed);
}
