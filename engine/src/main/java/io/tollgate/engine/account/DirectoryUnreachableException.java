package io.tollgate.engine.account;

import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * Sign-in failed because the LDAP directory cannot be reached, not because of the password. Local accounts still
 * sign in; the login page says the directory is unreachable.
 */
public class DirectoryUnreachableException extends AuthenticationServiceException {
    public DirectoryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
