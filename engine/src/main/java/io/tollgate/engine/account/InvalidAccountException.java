package io.tollgate.engine.account;

/** An account request that cannot be carried out; the message is meant for the person who made it. */
public class InvalidAccountException extends RuntimeException {
    public InvalidAccountException(String message) {
        super(message);
    }
}
