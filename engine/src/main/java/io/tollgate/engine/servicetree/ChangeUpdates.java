package io.tollgate.engine.servicetree;

import io.tollgate.engine.cluster.ClusterSignals;

/**
 * Tells a screen that a service-tree change's status moved (validated, approved, rejected, applied, conflicted,
 * withdrawn), after the change commits on this node or on any other node sharing the database (ADR 0022), so that an
 * open page follows it without polling. Carries no data: the screen re-reads what it shows.
 */
public interface ChangeUpdates {

    /**
     * Calls {@code changed} after each committed status change of any service-tree change, and whenever other nodes'
     * changes may have been lost; on a thread of its own, so it must return quickly (hand it to the session with
     * {@code UI.access}). Until the registration is removed.
     */
    ClusterSignals.Registration followAll(Runnable changed);
}
