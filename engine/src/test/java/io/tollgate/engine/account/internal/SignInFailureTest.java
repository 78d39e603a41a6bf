package io.tollgate.engine.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.tollgate.engine.account.AccountSource;
import org.junit.jupiter.api.Test;

/** Failures slow their address down with growing delays, never beyond the longest wait, and never lock anyone. */
class SignInFailureTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration LONGEST = Duration.ofMinutes(15);

    @Test
    void theFirstFailuresCostNothingThenEachWaitDoubles() {
        SignInFailure row = new SignInFailure("admin", "203.0.113.9");
        for (int i = 1; i < 5; i++) {
            row.failed(T0, 5, LONGEST);
            assertThat(row.blockedUntil()).as("failure " + i).isNull();
        }
        row.failed(T0, 5, LONGEST);
        assertThat(row.blockedUntil()).isEqualTo(T0.plusSeconds(30));
        row.failed(T0, 5, LONGEST);
        assertThat(row.blockedUntil()).isEqualTo(T0.plusSeconds(60));
        row.failed(T0, 5, LONGEST);
        assertThat(row.blockedUntil()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void theWaitStopsGrowingAtTheLongest() {
        SignInFailure row = new SignInFailure("admin", "203.0.113.9");
        for (int i = 0; i < 200; i++) {
            row.failed(T0, 5, LONGEST);
        }
        assertThat(row.blockedUntil()).isEqualTo(T0.plus(LONGEST));
        assertThat(row.failures()).isEqualTo(200);
    }

    @Test
    void eachNameAndAddressHasItsOwnCount() {
        assertThat(SignInFailure.key("admin", "203.0.113.9")).isNotEqualTo(SignInFailure.key("admin", "198.51.100.7"))
                .isNotEqualTo(SignInFailure.key("other", "203.0.113.9"));
    }

    @Test
    void anAccountCountsFailuresButIsNeverLockedByThem() {
        Account account = new Account("alice", "hash", "Alice", null, AccountSource.LOCAL, T0);
        for (int i = 0; i < 50; i++) {
            account.recordFailedLogin();
        }
        assertThat(account.lockedAt(T0)).isFalse();
        assertThat(account.failedLogins()).isEqualTo(50);
    }
}
