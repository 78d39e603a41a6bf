package io.tollgate.engine.ticket.internal.journal;

import io.tollgate.engine.ticket.TicketStatus;

/**
 * What a ticket's approvals are built from ({@link TicketApprovals}): its row's approval columns, read without its
 * SQL and results (a task list names many tickets, each of any size).
 *
 * @param contentHash the hash of the SQL the approvals are about: the ticket's SQL as it is, or for an offer (which
 *                    compares no hash) the SQL its review passed
 */
public record TicketRound(String ticketId, int round, String submitter, TicketStatus status, String reviewerGroup,
                          Boolean dbaApprovalRequired, String contentHash) {

    static TicketRound of(TicketEntry ticket) {
        return new TicketRound(ticket.ticketId(), ticket.reviewRound(), ticket.submitter(), ticket.status(),
                ticket.reviewerGroup(), ticket.dbaApprovalRequired(), ticket.sqlHash());
    }
}
