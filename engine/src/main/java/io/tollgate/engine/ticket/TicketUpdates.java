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

    /**
     * Tells the ticket's followers on every node, once the caller's transaction commits, that something shown with
     * the ticket changed although the ticket did not (a comment in its discussion). Status waiters stay asleep: they
     * wake only when the status moves.
     */
    void touched(String ticketId);
}
