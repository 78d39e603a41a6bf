package io.tollgate.engine.ticket;

import java.util.List;

import io.tollgate.engine.InvalidRequestException;

/**
 * A submission or resubmission with problems; {@link #problems()} lists each, for people. An invalid request like any
 * other ({@link InvalidRequestException}), so that whatever answers those (every {@code /api} endpoint with 400, the
 * tasklist's batch decisions) answers this too.
 */
public class InvalidTicketException extends InvalidRequestException {

    public InvalidTicketException(List<String> problems) {
        this(problems, null);
    }

    /** {@code field}: the request field every problem is about, as the API names it; null when they are not one. */
    public InvalidTicketException(List<String> problems, String field) {
        super(field, String.join("; ", problems), problems);
    }
}
