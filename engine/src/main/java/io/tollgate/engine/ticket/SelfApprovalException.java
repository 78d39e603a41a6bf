package io.tollgate.engine.ticket;

/** Four eyes: nobody decides on their own ticket or their own rollback request. */
public class SelfApprovalException extends TicketNotAllowedException {

    public SelfApprovalException(String username, String ticketId) {
        super(username + " submitted ticket " + ticketId + " and cannot approve or reject it (four eyes)");
    }
}
