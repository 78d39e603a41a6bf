package io.tollgate.engine.ticket;

/** The acting user may not do this to the ticket, or the ticket is no longer where this can be done. */
public class TicketNotAllowedException extends RuntimeException {

    public TicketNotAllowedException(String message) {
        super(message);
    }
}
