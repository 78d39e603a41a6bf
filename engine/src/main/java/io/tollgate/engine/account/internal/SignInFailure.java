package io.tollgate.engine.account.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code sign_in_failure}: the failed sign-ins of one name from one address. */
@Entity
@Table(name = "sign_in_failure")
class SignInFailure {

    /** The wait after the last free failure: long enough to stop guessing, short enough for a person who mistyped. */
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);

    @Id
    @Column(name = "throttle_key")
    private String key;
    private String username;
    @Column(name = "source_address")
    private String source;
    private int failures;
    @Column(name = "last_failure_at")
    private Instant lastFailureAt;
    @Column(name = "blocked_until")
    private Instant blockedUntil;

    protected SignInFailure() {
    }

    SignInFailure(String username, String source) {
        this.key = key(username, source);
        this.username = name(username);
        this.source = source;
    }

    static String key(String username, String source) {
        return source + " " + name(username);
    }

    /**
     * The name as the throttle counts it: in lower case, since a directory finds "ALICE" as alice, and a guesser who
     * varied the case of a name's letters would otherwise get a fresh allowance for each variant.
     */
    static String name(String username) {
        String name = username.toLowerCase(Locale.ROOT);
        // no account's name is this long (100 at most): a longer one is counted by its first 200 characters, which
        // the table holds (a name of thousands was a 500 and no record)
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static final int MAX_NAME = 200;

    /**
     * One more failure: from the {@code free}-th on, the address waits before its next try, twice as long each time
     * ({@link #FIRST_WAIT}, then 1 min, 2 min ...) up to {@code longest}.
     */
    void failed(Instant now, int free, Duration longest) {
        failures++;
        lastFailureAt = now;
        if (failures >= free) {
            int doublings = Math.min(failures - free, 30);
            Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(doublings, 20));
            blockedUntil = now.plus(wait.compareTo(longest) > 0 ? longest : wait);
        }
    }

    Instant blockedUntil() {
        return blockedUntil;
    }

    int failures() {
        return failures;
    }
}
