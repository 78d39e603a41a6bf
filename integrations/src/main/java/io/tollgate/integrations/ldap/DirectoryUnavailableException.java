package io.tollgate.integrations.ldap;

/** The directory could not be reached (down, network, timeout), as opposed to refusing a password. */
public class DirectoryUnavailableException extends RuntimeException {
    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
