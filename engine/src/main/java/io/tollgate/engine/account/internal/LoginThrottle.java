package io.tollgate.engine.account.internal;

import io.tollgate.engine.account.Accounts;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Feeds the sign-in throttle from every failed and successful sign-in (UI form and HTTP Basic alike): repeated
 * failures slow down their source address for that name ({@link SignInThrottle}); they never lock the account.
 */
@Component
class LoginThrottle {

    private final Accounts accounts;
    private final SignInThrottle throttle;

    LoginThrottle(Accounts accounts, SignInThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        throttle.failed(username, SignInThrottle.sourceOf(event.getAuthentication()));
        accounts.recordFailedLogin(username);
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
        throttle.succeeded(event.getAuthentication().getName(), SignInThrottle.sourceOf(event.getAuthentication()));
    }
}
