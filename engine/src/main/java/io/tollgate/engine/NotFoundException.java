package io.tollgate.engine;

/** What a request names does not exist (no such ticket, say): 404 with the sentence, from any API. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }

    /** "no ticket T-42" */
    public static NotFoundException of(String what, String id) {
        return new NotFoundException("no " + what + " " + id);
    }
}
