/**
 * The implementation behind {@link io.tollgate.engine.servicetree.ServiceTreeChangeRequests}: the use case on the
 * {@code serviceTreeChange} process, the change's row and audit trail (JPA), the process's delegates and task
 * listeners, approvers and approval subjects, the change ledger and notices, the status long poll
 * ({@link io.tollgate.engine.servicetree.ChangeUpdates}), the purge of apply markers, the look for interrupted applies,
 * the timing properties and the REST controllers (changes, nodes, import). Only {@code io.tollgate.engine.servicetree}
 * uses it; everything here is package-private but for what Spring needs.
 */
package io.tollgate.engine.servicetree.internal;
