package io.tollgate.engine.outbox;

import java.time.Duration;

/**
 * How a delivery loop retries.
 *
 * @param maxAttempts attempts before a message is given up (FAILED)
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param claimTimeout how long a node may take to send a claimed message before another node may take it over
 * @param batchSize how many messages one run sends at most
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration claimTimeout,
                          int batchSize) {

    public RetryPolicy {
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("max-attempts and batch size must be at least 1");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: {@code initialBackoff * 2^(attempts-1)}, capped. */
    public Duration backoff(int attempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
