/**
 * The implementation behind {@link io.tollgate.engine.ticket.Tickets}: the use case on the {@code sqlTicket} process,
 * the ticket's row and audit trail (JPA), the process's delegates and listeners, review, approval routing, execution,
 * the look for interrupted runs, the status long poll and the REST controller. Only {@code io.tollgate.engine.ticket}
 * uses it; everything here is package-private but for what Spring needs.
 */
package io.tollgate.engine.ticket.internal;
