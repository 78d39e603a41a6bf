package io.tollgate.engine.account;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Locks an account after repeated failed sign-ins (UI form and HTTP Basic alike), for a configured time:
 * {@link AccountProperties#maxFailedLogins()} and {@link AccountProperties#lockDuration()}.
 */
@Component
class LoginThrottle {

    private final Accounts accounts;

    LoginThrottle(Accounts accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        accounts.recordFailedLogin(event.getAuthentication().getName());
    }

    /**
     * Resets the failure count; skipped when the local account had none on record as it was loaded, so that each
     * stateless HTTP Basic request does not cost a transaction on the account.
     */
    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AccountUserDetailsService.LocalAccountUser local
                && !local.failedSignInsOnRecord()) {
            return;
        }
        accounts.recordSuccessfulLogin(event.getAuthentication().getName());
    }
}
