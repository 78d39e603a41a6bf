package io.tollgate.engine.schema;

/** The instance is registered but could not be read (down, wrong password, timeout): 502 with the driver's sentence. */
public class TargetUnreachableException extends RuntimeException {

    public TargetUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
