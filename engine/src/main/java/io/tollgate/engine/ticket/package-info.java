/**
 * SQL change tickets: what people do with them ({@link io.tollgate.engine.ticket.Tickets}) and the records, statuses
 * and exceptions they see. The status mirror, audit trail and the {@code sqlTicket} process's delegates and listeners
 * live in {@code io.tollgate.engine.ticket.internal}. The process is where a ticket stands; the ticket's row mirrors
 * it for lists and search, written in the same transaction as the step that changes it.
 */
package io.tollgate.engine.ticket;
