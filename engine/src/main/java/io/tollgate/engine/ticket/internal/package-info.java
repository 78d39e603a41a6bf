/**
 * The implementation behind {@link io.tollgate.engine.ticket.Tickets}: the use case on the {@code sqlTicket} process
 * ({@code CamundaTickets}), the reads for screens and tasks, the draft's checks, the REST controller and the small
 * delegates; the ticket's record in {@code journal}, its review and routing in {@code review}, the approval tasks'
 * listeners in {@code approval}, and execution and rollback in {@code execution}. Only {@code io.tollgate.engine.ticket}
 * uses it (an ArchUnit rule keeps {@code internal} inside its feature); the sub-packages' classes are public so they
 * can reach each other, and depend on {@code journal}, never the other way.
 */
package io.tollgate.engine.ticket.internal;
