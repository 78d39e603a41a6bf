package io.tollgate.engine.ticket;

import java.util.List;

/** A submission or resubmission with problems; {@link #problems()} lists each, for people. */
public class InvalidTicketException extends RuntimeException {

    private final List<String> problems;
    private final String field;

    public InvalidTicketException(List<String> problems) {
        this(problems, null);
    }

    /** {@code field}: the request field every problem is about, as the API names it; null when they are not one. */
    public InvalidTicketException(List<String> problems, String field) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.field = field;
    }

    public List<String> problems() {
        return problems;
    }

    public String field() {
        return field;
    }
}
