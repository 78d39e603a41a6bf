package io.tollgate.engine.account.internal;

import java.time.Clock;

import io.tollgate.engine.account.Accounts;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Spring Security's view of local accounts. A locked account reports itself locked, so sign-in fails while it is. */
@Component
class AccountUserDetailsService implements UserDetailsService {

    private final AccountRepository repository;
    private final Clock clock;

    AccountUserDetailsService(AccountRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Reads the account in one statement without a transaction of its own: every REST request signs in anew. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = repository.readWithGrants(username)
                .filter(a -> a.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("No local account " + username));
        ReadThisRequest.remember(account.view(clock.instant()));
        UserDetails user = User.withUsername(account.username())
                .password(account.passwordHash())
                .disabled(!account.enabled())
                .accountLocked(account.lockedAt(clock.instant()))
                .authorities(account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                .build();
        return new LocalAccountUser(user, account.failedLogins() > 0 || account.lockedUntil() != null);
    }

    /**
     * A local account as Spring Security checks it, knowing whether failed sign-ins were on record when it was
     * loaded, so that a successful sign-in writes the account only when there is something to reset.
     */
    static final class LocalAccountUser extends User {

        private final boolean failedSignInsOnRecord;

        LocalAccountUser(UserDetails user, boolean failedSignInsOnRecord) {
            super(user.getUsername(), user.getPassword(), user.isEnabled(), user.isAccountNonExpired(),
                    user.isCredentialsNonExpired(), user.isAccountNonLocked(), user.getAuthorities());
            this.failedSignInsOnRecord = failedSignInsOnRecord;
        }

        boolean failedSignInsOnRecord() {
            return failedSignInsOnRecord;
        }

        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }
}
