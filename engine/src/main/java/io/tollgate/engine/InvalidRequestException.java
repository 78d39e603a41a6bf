package io.tollgate.engine;

/**
 * A request whose values Tollgate cannot take (a limit out of range, say): 400 with the sentence, from any API, naming
 * the request field at fault when there is one.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String message) {
        this(null, message);
    }

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, as the request spells it; null when no single field is. */
    public String field() {
        return field;
    }
}
