package io.tollgate.engine.servicetree;

/** The acting user may not do this to the change, or the change is no longer in a state that allows it. */
public class NotAllowedException extends RuntimeException {

    public NotAllowedException(String message) {
        super(message);
    }
}
