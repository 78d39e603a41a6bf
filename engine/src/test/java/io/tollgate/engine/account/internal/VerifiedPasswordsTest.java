package io.tollgate.engine.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class VerifiedPasswordsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();
    private Instant now = T0;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    @SuppressWarnings("deprecation")
    private final PasswordEncoder plain = NoOpPasswordEncoder.getInstance();
    private final PasswordEncoder counting = new PasswordEncoder() {
        @Override
        public String encode(CharSequence raw) {
            return plain.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return plain.matches(raw, encoded);
        }
    };
    private final VerifiedPasswords passwords = new VerifiedPasswords(counting, clock);

    @Test
    void aMatchedPasswordIsCheckedOnceWhileRemembered() {
        assertThat(passwords.matches("secret", "secret")).isTrue();
        assertThat(passwords.matches("secret", "secret")).isTrue();
        now = T0.plus(VerifiedPasswords.REMEMBER_FOR).minusSeconds(1);
        assertThat(passwords.matches("secret", "secret")).isTrue();
        assertThat(checks).hasValue(1);
    }

    @Test
    void aWrongPasswordIsCheckedInFullEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThat(passwords.matches("guess", "secret")).isFalse();
        }
        assertThat(checks).hasValue(3);
    }

    @Test
    void aChangedHashIsCheckedAgainEvenWithTheSamePassword() {
        assertThat(passwords.matches("secret", "secret")).isTrue();
        // the password was changed: the stored hash is another one, and the old password no longer matches it
        assertThat(passwords.matches("secret", "other")).isFalse();
        assertThat(passwords.matches("other", "other")).isTrue();
        assertThat(checks).hasValue(3);
    }

    @Test
    void aRememberedMatchExpires() {
        assertThat(passwords.matches("secret", "secret")).isTrue();
        now = T0.plus(VerifiedPasswords.REMEMBER_FOR);
        assertThat(passwords.matches("secret", "secret")).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void aMatchInUseStaysRememberedAndExpiresOnceUnused() {
        assertThat(passwords.matches("secret", "secret")).isTrue();
        now = T0.plus(VerifiedPasswords.REMEMBER_FOR).minusSeconds(1);
        assertThat(passwords.matches("secret", "secret")).isTrue();
        now = now.plus(VerifiedPasswords.REMEMBER_FOR).minusSeconds(1);
        assertThat(passwords.matches("secret", "secret")).isTrue();
        assertThat(checks).hasValue(1);
        now = now.plus(VerifiedPasswords.REMEMBER_FOR);
        assertThat(passwords.matches("secret", "secret")).isTrue();
        assertThat(checks).hasValue(2);
    }

    @Test
    void encodingIsTheDelegates() {
        assertThat(passwords.encode("x")).isEqualTo("x");
    }
}
