package io.tollgate.engine.account;

/**
 * An account request that cannot be carried out; the message is meant for the person who made it, and
 * {@link #field()} names the request field at fault (as the REST API spells it) when one is.
 */
public class InvalidAccountException extends RuntimeException {

    private final String field;
    private final java.util.List<String> problems;

    public InvalidAccountException(String message) {
        this(null, message);
    }

    public InvalidAccountException(String field, String message) {
        super(message);
        this.field = field;
        this.problems = java.util.List.of();
    }

    /**
     * Several problems of one form at once: the message joins them, {@link #problems()} lists them, and
     * {@link #field()} names the field when only one is at fault.
     */
    public InvalidAccountException(java.util.List<String> fields, java.util.List<String> problems) {
        super(String.join("; ", problems));
        this.field = fields.size() == 1 ? fields.get(0) : null;
        this.problems = problems.size() > 1 ? java.util.List.copyOf(problems) : java.util.List.of();
    }

    /** Each problem of a form refused for several at once; empty when the message is the only one. */
    public java.util.List<String> problems() {
        return problems;
    }

    /** The request field at fault, e.g. {@code newPassword}; null when no single field is. */
    public String field() {
        return field;
    }
}
