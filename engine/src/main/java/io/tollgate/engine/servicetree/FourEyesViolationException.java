package io.tollgate.engine.servicetree;

/** Someone tried to approve or reject a change they requested themselves. */
public class FourEyesViolationException extends RuntimeException {

    public FourEyesViolationException(String username, String changeId) {
        super(username + " requested change " + changeId + " and cannot decide on it");
    }
}
