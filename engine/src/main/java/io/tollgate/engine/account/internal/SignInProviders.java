package io.tollgate.engine.account.internal;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.authentication.builders.AuthenticationManagerBuilder;
import org.springframework.security.config.annotation.authentication.configuration.GlobalAuthenticationConfigurerAdapter;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * How every filter chain checks a password (UI form, HTTP Basic): local accounts first, then, when LDAP is on, the
 * directory. Spring Security's provider manager goes on to the directory when the local check fails, and reports
 * the last failure, so an LDAP user with the directory down sees "directory unreachable" while a local admin still
 * signs in.
 */
@Component
class SignInProviders extends GlobalAuthenticationConfigurerAdapter {

    private final AccountUserDetailsService localAccounts;
    private final PasswordEncoder passwordEncoder;
    private final ObjectProvider<LdapAuthenticationProvider> ldap;
    private final SignInThrottle throttle;

    SignInProviders(AccountUserDetailsService localAccounts, PasswordEncoder passwordEncoder,
                    ObjectProvider<LdapAuthenticationProvider> ldap, SignInThrottle throttle) {
        this.throttle = throttle;
        this.localAccounts = localAccounts;
        this.passwordEncoder = passwordEncoder;
        this.ldap = ldap;
    }

    List<AuthenticationProvider> providers() {
        DaoAuthenticationProvider local = new DaoAuthenticationProvider(localAccounts);
        local.setPasswordEncoder(passwordEncoder);
        // a disabled account says so only to whoever knows its password: the answers never tell which names exist
        UserDetailsChecker statusChecks = new AccountStatusUserDetailsChecker();
        local.setPreAuthenticationChecks(user -> { });
        local.setPostAuthenticationChecks(statusChecks);
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(throttle.gate(), local));
        ldap.ifAvailable(providers::add);
        return providers;
    }

    @Override
    public void configure(AuthenticationManagerBuilder auth) {
        providers().forEach(auth::authenticationProvider);
    }
}
