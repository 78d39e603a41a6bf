package io.tollgate.engine.account;

/**
 * An account request that cannot be carried out; the message is meant for the person who made it, and
 * {@link #field()} names the request field at fault (as the REST API spells it) when one is.
 */
public class InvalidAccountException extends RuntimeException {

    private final String field;

    public InvalidAccountException(String message) {
        this(null, message);
    }

    public InvalidAccountException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, e.g. {@code newPassword}; null when no single field is. */
    public String field() {
        return field;
    }
}
