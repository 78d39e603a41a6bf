/**
 * Validating, applying and verifying a change in ZooKeeper: the delegates the model calls (the apply behind the gate of
 * {@code approval.ChangeApprovals}), the purge of apply markers and the look for applies a dead node left
 * ({@code InterruptedApplies}), and the {@code tollgate.service-tree.audit.*} settings with the schedules built from
 * them.
 */
package io.tollgate.engine.servicetree.internal.apply;
