package io.tollgate.engine.ticket;

import java.util.List;

/** A submission or resubmission with problems; {@link #problems()} lists each, for people. */
public class InvalidTicketException extends RuntimeException {

    private final List<String> problems;

    public InvalidTicketException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
