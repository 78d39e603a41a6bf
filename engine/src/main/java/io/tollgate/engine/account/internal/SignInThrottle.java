package io.tollgate.engine.account.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.tollgate.engine.account.AccountProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Failed sign-ins slow down the address they come from, for the name they tried, with growing delays: after
 * {@link AccountProperties#maxFailedLogins()} failures the next try from there waits 30 s, then 1 min, 2 min ... up to
 * {@link AccountProperties#lockDuration()}. Nobody can lock someone else out from another address, and a name that
 * does not exist is slowed down exactly like one that does, so the answers do not tell which names exist. Kept in the
 * database, so every node applies it. A success from the address, or an admin's unlock, clears it.
 */
@Component
public class SignInThrottle {

    /** Rows untouched this long are forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final SignInFailureRepository failures;
    private final AccountProperties properties;
    private final Clock clock;

    SignInThrottle(SignInFailureRepository failures, AccountProperties properties, Clock clock) {
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    static String sourceOf(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                ? web.getRemoteAddress() : "unknown";
    }

    /** How long the address still waits before it may try the name again, if it does. */
    Optional<Duration> waitFor(String username, String source) {
        Instant now = clock.instant();
        return failures.blockedUntil(SignInFailure.key(username, source)).stream().filter(java.util.Objects::nonNull)
                .filter(until -> until.isAfter(now)).findFirst().map(until -> Duration.between(now, until));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void failed(String username, String source) {
        SignInFailure row = failures.findById(SignInFailure.key(username, source))
                .orElseGet(() -> new SignInFailure(username, source));
        row.failed(clock.instant(), properties.maxFailedLogins(), properties.lockDuration());
        failures.save(row);
    }

    @Transactional
    void succeeded(String username, String source) {
        failures.deleteById(SignInFailure.key(username, source));
    }

    /** An admin's unlock: every address may try the name again at once. */
    @Transactional
    public void clear(String username) {
        failures.deleteByUsername(SignInFailure.name(username));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void forgetOldFailures() {
        failures.deleteOlderThan(clock.instant().minus(FORGET_AFTER));
    }

    /** First in every sign-in chain: an address still waiting is refused before any password is compared. */
    AuthenticationProvider gate() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                waitFor(authentication.getName(), sourceOf(authentication)).ifPresent(wait -> {
                    throw new LockedException("Too many failed sign-ins from this address: try again in "
                            + Math.max(1, wait.toSeconds()) + " s");
                });
                return null;
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return org.springframework.security.authentication.UsernamePasswordAuthenticationToken.class
                        .isAssignableFrom(authentication);
            }
        };
    }
}
