package io.tollgate.engine.account.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;

import io.tollgate.engine.account.Accounts;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;

class LoginThrottleTest {

    private final Accounts accounts = mock(Accounts.class);
    private final SignInThrottle signIns = mock(SignInThrottle.class);
    private final LoginThrottle throttle = new LoginThrottle(accounts, signIns);

    private static AuthenticationSuccessEvent success(Object principal) {
        return new AuthenticationSuccessEvent(UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of()));
    }

    private static AccountUserDetailsService.LocalAccountUser jane(boolean failures) {
        return new AccountUserDetailsService.LocalAccountUser(User.withUsername("jane").password("x").roles("ENGINEER")
                .build(), failures);
    }

    @Test
    void aSuccessWithoutFailuresOnRecordWritesNothing() {
        throttle.onSuccess(success(jane(false)));
        verify(accounts, never()).recordSuccessfulLogin("jane");
        verify(signIns, never()).succeeded(org.mockito.ArgumentMatchers.eq("jane"), org.mockito.ArgumentMatchers.any());
    }

    @Test
    void aSuccessAfterFailuresResetsThem() {
        throttle.onSuccess(success(jane(true)));
        verify(accounts).recordSuccessfulLogin("jane");
        verify(signIns).succeeded("jane", "unknown");
    }

    @Test
    void aDirectoryUserIsResetAsBefore() {
        throttle.onSuccess(success(User.withUsername("jane").password("x").roles("ENGINEER").build()));
        verify(accounts).recordSuccessfulLogin("jane");
    }
}
