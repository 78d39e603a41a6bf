package io.tollgate.engine.account.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a while, which (password, stored hash) pairs were checked and matched, so that a script calling the
 * stateless HTTP Basic APIs ({@code /api/**}, {@code /engine-rest/**}) does not pay a BCrypt check (tens of
 * milliseconds of CPU) on every request. What it answers is exactly what the hash answers: a pair that matched once
 * always matches, and the pair includes the stored hash, so a changed password never hits an old entry. Only matches
 * are remembered: a wrong password always costs the full check, so guessing is as slow as before. Disabled and
 * locked accounts are refused before any password is compared. Entries are HMAC-SHA256 digests under a random key
 * that lives only in this JVM's memory, never the password, and expire when unused for {@link #REMEMBER_FOR}.
 */
final class VerifiedPasswords implements PasswordEncoder {

    /** How long a matched pair is remembered after its last use. */
    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    /** At most this many pairs are remembered; the least recently used go first. */
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Instant> matched = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedPasswords(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || encodedPassword.isEmpty()) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String pair = digest(rawPassword, encodedPassword);
        Instant now = clock.instant();
        synchronized (matched) {
            Instant until = matched.get(pair);
            if (until != null && now.isBefore(until)) {
                // remembered for as long as it is used: a script's clients all missed at once when a fixed expiry
                // came, and each paid the full check (docs/benchmarks.md)
                matched.put(pair, now.plus(REMEMBER_FOR));
                return true;
            }
            matched.remove(pair);
        }
        boolean matches = delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (matched) {
                matched.put(pair, now.plus(REMEMBER_FOR));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String digest(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
