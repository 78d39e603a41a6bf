/**
 * Tollgate's own record of a ticket, which the gate and every screen read: the ticket row ({@code TicketEntry}) and its
 * events, the journal that moves its status and writes the trail ({@code TicketJournal}), its per-statement rows
 * (findings, results, the copy of its inverses), the approval subject built from them ({@code TicketApprovals}), and
 * the status watch the long poll waits on.
 */
package io.tollgate.engine.ticket.internal.journal;
