package io.tollgate.engine.account.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.DirectoryUnreachableException;
import io.tollgate.integrations.ldap.DirectoryUnavailableException;
import io.tollgate.integrations.ldap.DirectoryUser;
import io.tollgate.integrations.ldap.LdapDirectory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people in against the directory by binding as them, then syncs their account (name, mail, LDAP roles).
 * Local accounts are not its business: it steps aside for any name a local account holds, so a break-glass admin
 * signs in whatever the directory says or whether it answers at all.
 */
@Component
@ConditionalOnExpression("!'${tollgate.ldap.url:}'.isBlank()")
class LdapAuthenticationProvider implements AuthenticationProvider {

    private final LdapDirectory directory;
    private final DirectorySync sync;
    private final AccountRepository repository;
    private final Clock clock;

    LdapAuthenticationProvider(LdapDirectory directory, DirectorySync sync, AccountRepository repository, Clock clock) {
        this.directory = directory;
        this.sync = sync;
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        List<Account> sameName = repository.findAllByNameIgnoringCase(username);
        if (sameName.stream().anyMatch(a -> a.source() == AccountSource.LOCAL)) {
            return null; // a local account's name, in whatever case: the local provider decides
        }
        if (sameName.stream().anyMatch(a -> a.lockedAt(clock.instant()))) {
            throw new LockedException("Account " + username + " is locked");
        }
        LdapDirectory.SignInResult result;
        try {
            Object credentials = authentication.getCredentials();
            result = directory.signIn(username, credentials == null ? "" : credentials.toString());
        } catch (DirectoryUnavailableException e) {
            throw new DirectoryUnreachableException(e.getMessage(), e);
        }
        if (!result.known()) {
            sameName.stream().filter(a -> a.username().equals(username)).forEach(a -> sync.removed(a.username()));
            return null; // nobody by that name here either: the local provider's refusal stands
        }
        DirectoryUser user = result.user().orElseThrow(() -> new BadCredentialsException("Bad credentials"));
        Optional<AccountView> synced = sync.signedIn(user);
        if (synced.isEmpty()) {
            return null; // the directory's name for them is a local account's: never theirs
        }
        AccountView account = synced.get();
        if (!account.enabled()) {
            throw new org.springframework.security.authentication.DisabledException("Account " + username
                    + " is disabled");
        }
        UserDetails principal = User.withUsername(account.username()).password("")
                .authorities(account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                .build();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
