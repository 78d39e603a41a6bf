package io.tollgate.engine;

/** A request whose values Tollgate cannot take (a limit out of range, say): 400 with the sentence, from any API. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
