package io.tollgate.engine.account;

/** No account has that username (404 over the API). */
public class UnknownAccountException extends InvalidAccountException {
    public UnknownAccountException(String username) {
        super("No account named '" + username + "'");
    }
}
