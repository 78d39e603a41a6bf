package io.tollgate.engine.mail;

import java.time.Duration;

import io.tollgate.engine.outbox.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox and its dispatcher. The SMTP relay itself is {@code tollgate.mail.smtp} (integrations.mail).
 *
 * @param mode {@code outbox-only} keeps mails in the outbox for viewing, {@code smtp} sends them; blank picks
 *             {@code smtp} when an SMTP host is configured, else {@code outbox-only}
 * @param from the sender address
 * @param baseUrl Tollgate's address as recipients reach it; links in mails start with it
 * @param dispatchInterval how often each node looks for due mails; 0 turns the schedule off
 * @param batchSize how many mails one look sends at most
 * @param maxAttempts attempts per mail before it is given up (FAILED)
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param claimTimeout how long a node may take to send a claimed mail before another node may take it over: so a
 *                     node that died mid-send has its mail sent by another within this plus a dispatch interval. Keep
 *                     it above a whole slow send (the SMTP connect timeout plus a few server waits); a live send that
 *                     outlasts it may be sent twice, under the same Message-ID
 */
@ConfigurationProperties("tollgate.mail")
public record MailProperties(
        Mode mode,
        @DefaultValue("tollgate@localhost") String from,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("15s") Duration dispatchInterval,
        @DefaultValue("50") int batchSize,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("1m") Duration claimTimeout) {

    public enum Mode {
        /** Mails stay in the outbox, where admins read them (the embedded default's mailbox). */
        OUTBOX_ONLY,
        /** Mails are sent through the SMTP relay. */
        SMTP
    }

    public MailProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tollgate.mail.max-attempts must be at least 1");
        }
        if (claimTimeout.isNegative() || claimTimeout.isZero()) {
            throw new IllegalArgumentException("tollgate.mail.claim-timeout must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("tollgate.mail.batch-size must be at least 1");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The outbox dispatcher's attempts and backoff. */
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, claimTimeout, batchSize);
    }
}
