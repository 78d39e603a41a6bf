/**
 * Keeps every node's screens live when several Tollgate nodes share one database: after a transaction commits, a node
 * publishes a compact {@link io.tollgate.engine.cluster.ClusterSignal} (a kind and a few ids) through the ZooKeeper
 * ensemble every installation already runs, and every other node re-delivers it locally (ADR 0022). Signals are a
 * latency optimisation, never the record: a lost one is covered by each consumer's slower safety-net sweep, and
 * {@link io.tollgate.engine.cluster.ClusterSignals.Listener#missed()} tells consumers when signals may have been lost.
 */
package io.tollgate.engine.cluster;
