package io.tollgate.integrations.mysql.execution;

/**
 * Another run of the same ticket still holds it on the target (a job run again while the first run goes on): this
 * attempt ran nothing and should be retried later, not reported as a failure of the ticket.
 */
public class TicketStillRunningException extends TicketExecutionException {

    public TicketStillRunningException(String message) {
        super(message);
    }
}
