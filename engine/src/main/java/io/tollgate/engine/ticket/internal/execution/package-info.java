/**
 * A ticket's execution and rollback on its target: the gate's check and the executor's run ({@code TicketExecution}),
 * the delegates the model calls, the jobs' locks and the look for runs whose node stopped ({@code InterruptedRuns}),
 * and the {@code tollgate.tickets.*} settings with the executor's settings and ledger seal built from them.
 */
package io.tollgate.engine.ticket.internal.execution;
