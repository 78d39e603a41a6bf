package io.tollgate.engine.accountadmin;

import io.tollgate.engine.account.InvalidAccountException;

/** The change would leave Tollgate without an enabled admin (409 over the API); nothing was changed. */
public class LastAdminException extends InvalidAccountException {
    LastAdminException(String message) {
        super(message);
    }
}
