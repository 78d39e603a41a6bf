package io.tollgate.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class AccountLockoutTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    private Account account() {
        return new Account("jane", "{bcrypt}x", "Jane", null, AccountSource.LOCAL, T0);
    }

    @Test
    void locksAfterTheConfiguredNumberOfFailuresInARow() {
        Account account = account();
        for (int i = 0; i < 4; i++) {
            account.recordFailedLogin(T0, 5, LOCK);
        }
        assertThat(account.lockedAt(T0)).isFalse();
        account.recordFailedLogin(T0, 5, LOCK);
        assertThat(account.lockedAt(T0)).isTrue();
        assertThat(account.lockedAt(T0.plus(LOCK).minusSeconds(1))).isTrue();
        assertThat(account.lockedAt(T0.plus(LOCK))).isFalse();
    }

    @Test
    void aSuccessfulSignInResetsTheCount() {
        Account account = account();
        for (int i = 0; i < 4; i++) {
            account.recordFailedLogin(T0, 5, LOCK);
        }
        account.recordSuccessfulLogin();
        account.recordFailedLogin(T0, 5, LOCK);
        assertThat(account.failedLogins()).isEqualTo(1);
        assertThat(account.lockedAt(T0)).isFalse();
    }

    @Test
    void anExpiredLockStartsAFreshCount() {
        Account account = account();
        for (int i = 0; i < 5; i++) {
            account.recordFailedLogin(T0, 5, LOCK);
        }
        Instant later = T0.plus(LOCK).plusSeconds(1);
        account.recordFailedLogin(later, 5, LOCK);
        assertThat(account.failedLogins()).isEqualTo(1);
        assertThat(account.lockedAt(later)).isFalse();
    }

    @Test
    void rolesFromLdapAndLocalGrantsAreKeptApart() {
        Account account = account();
        account.grant(Role.DBA, AccountSource.LOCAL);
        account.grant(Role.DBA, AccountSource.LDAP);
        account.grant(Role.SRE, AccountSource.LDAP);
        account.revoke(Role.DBA, AccountSource.LDAP);
        assertThat(account.roles()).containsExactlyInAnyOrder(Role.DBA, Role.SRE);
        assertThat(account.rolesFrom(AccountSource.LOCAL)).containsExactly(Role.DBA);
        assertThat(account.rolesFrom(AccountSource.LDAP)).containsExactly(Role.SRE);
    }
}
