package io.tollgate.integrations.mysql.execution;

/** The executor could not run at all: the target database is busy with another ticket, or unreachable. */
public class TicketExecutionException extends RuntimeException {

    public TicketExecutionException(String message) {
        super(message);
    }

    public TicketExecutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
