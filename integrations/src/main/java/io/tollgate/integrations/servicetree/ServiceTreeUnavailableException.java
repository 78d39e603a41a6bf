package io.tollgate.integrations.servicetree;

/**
 * ZooKeeper could not be reached (connection loss, session expiry, timeout). Safe to retry: an apply that may have
 * gone through is recognised by its idempotency marker.
 */
public class ServiceTreeUnavailableException extends RuntimeException {

    ServiceTreeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
