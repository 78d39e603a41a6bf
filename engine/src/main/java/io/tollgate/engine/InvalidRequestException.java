package io.tollgate.engine;

/**
 * A request whose values Tollgate cannot take (a limit out of range, say): 400 with the sentence, from any API, naming
 * the request field at fault when there is one.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;
    private final java.util.List<String> problems;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    public InvalidRequestException(String field, String message) {
        this(field, message, java.util.List.of());
    }

    /** {@code problems}: each thing wrong with the request, when there are several (the message sums them up). */
    public InvalidRequestException(String field, String message, java.util.List<String> problems) {
        super(message);
        this.field = field;
        this.problems = java.util.List.copyOf(problems);
    }

    /** Each thing wrong with the request when there are several; empty when the message says it all. */
    public java.util.List<String> problems() {
        return problems;
    }

    /** The request field at fault, as the request spells it; null when no single field is. */
    public String field() {
        return field;
    }
}
