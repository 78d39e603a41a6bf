package io.tollgate.engine.instance;

/** An instance request that cannot be carried out; the message is for the person who made it. */
public class InvalidInstanceException extends RuntimeException {
    public InvalidInstanceException(String message) {
        super(message);
    }
}
