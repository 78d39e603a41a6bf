package io.tollgate.integrations.sandbox;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether to start the sandbox MariaDB (the embedded profile turns it on)
 * @param dataDir where its binaries and data live (kept across restarts)
 * @param port its port; 0 picks a free one at every start
 * @param startTimeout how long one attempt waits for the server to say it is ready for connections
 * @param startAttempts how many attempts before the sandbox is given up (until the next start of Tollgate)
 * @param retryDelay the pause after a failed attempt, times the number of attempts made so far
 * @param stopTimeout how long a server is given to shut down cleanly before it is killed
 */
@ConfigurationProperties("tollgate.sandbox")
public record SandboxProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("./data/sandbox") Path dataDir,
        @DefaultValue("0") int port,
        @DefaultValue("3m") Duration startTimeout,
        @DefaultValue("5") int startAttempts,
        @DefaultValue("10s") Duration retryDelay,
        @DefaultValue("30s") Duration stopTimeout) {

    /** The defaults, enabled, with data in {@code dataDir}. */
    public static SandboxProperties defaults(Path dataDir) {
        return new SandboxProperties(true, dataDir, 0, Duration.ofMinutes(3), 5, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }

    public SandboxProperties withRetryDelay(Duration delay) {
        return new SandboxProperties(enabled, dataDir, port, startTimeout, startAttempts, delay, stopTimeout);
    }

    public SandboxProperties withStopTimeout(Duration timeout) {
        return new SandboxProperties(enabled, dataDir, port, startTimeout, startAttempts, retryDelay, timeout);
    }
}
