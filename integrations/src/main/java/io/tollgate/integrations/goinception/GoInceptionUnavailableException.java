package io.tollgate.integrations.goinception;

/**
 * goInception did not give a usable answer: not configured, unreachable, too slow, the connection dropped, or an
 * answer that is not a check result. The message is for people ("goInception at host:port did not answer in 10 s")
 * and never carries a password; no cause is attached, as a driver's message could quote the query.
 */
public class GoInceptionUnavailableException extends RuntimeException {

    public GoInceptionUnavailableException(String message) {
        super(message, null, false, false);
    }
}
