package io.tollgate.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.engine.account.DirectoryUnreachableException;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;

class LoginViewTest {

    @Test
    void eachKindOfFailureHasItsOwnMessage() {
        assertThat(LoginView.messageFor(new DirectoryUnreachableException("down", null)))
                .isEqualTo(LoginView.DIRECTORY_UNREACHABLE_MESSAGE).contains("directory").contains("local accounts");
        assertThat(LoginView.messageFor(new LockedException("locked"))).isEqualTo(LoginView.LOCKED_MESSAGE);
        assertThat(LoginView.messageFor(new DisabledException("off"))).isEqualTo(LoginView.DISABLED_MESSAGE);
        assertThat(LoginView.messageFor(new BadCredentialsException("bad"))).isEqualTo(LoginView.BAD_CREDENTIALS_MESSAGE);
        assertThat(LoginView.messageFor(null)).isEqualTo(LoginView.BAD_CREDENTIALS_MESSAGE);
    }
}
