/**
 * SQL change tickets: what people do with them ({@link io.tollgate.engine.ticket.Tickets}), their status mirror and
 * audit trail, and the {@code sqlTicket} process's delegates and listeners. The process is where a ticket stands; the
 * ticket's row mirrors it for lists and search, written in the same transaction as the step that changes it.
 */
package io.tollgate.engine.ticket;
