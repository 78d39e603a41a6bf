package io.tollgate.engine.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.outbox.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook endpoints and their retries. From the environment: {@code TOLLGATE_WEBHOOKS_ENDPOINTS_0_NAME},
 * {@code ..._0_URL}, {@code ..._0_SECRET}, {@code ..._0_KINDS} (comma-separated; blank: every kind).
 *
 * @param endpoints where events go
 * @param dispatchInterval how often each node posts due deliveries; 0 turns the schedule off
 * @param timeout connect and answer timeout per POST
 * @param maxAttempts attempts before a delivery is given up (FAILED)
 * @param initialBackoff wait after the first failed attempt; doubles with each further one
 * @param maxBackoff the longest wait between attempts
 * @param claimTimeout how long a node may take over a claimed delivery before another may take it over
 */
@ConfigurationProperties("tollgate.webhooks")
public record WebhookProperties(
        @DefaultValue List<Endpoint> endpoints,
        @DefaultValue("15s") Duration dispatchInterval,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("5m") Duration claimTimeout) {

    /**
     * One receiver.
     *
     * @param name a short name, shown with its deliveries
     * @param url where to POST
     * @param secret the HMAC-SHA256 key the receiver checks the signature with
     * @param kinds the event kinds it wants (e.g. {@code TICKET_APPROVED}); empty: all
     */
    public record Endpoint(String name, URI url, String secret, @DefaultValue Set<String> kinds) {

        public Endpoint {
            if (name == null || name.isBlank() || url == null || secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("Every tollgate.webhooks.endpoints entry needs a name, a url and a secret");
            }
            kinds = Set.copyOf(kinds);
        }

        boolean wants(String kind) {
            return kinds.isEmpty() || kinds.contains(kind);
        }
    }

    public WebhookProperties {
        endpoints = List.copyOf(endpoints);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("tollgate.webhooks.max-attempts must be at least 1");
        }
    }

    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, claimTimeout, BATCH_SIZE);
    }

    static final int BATCH_SIZE = 50;

    Endpoint endpoint(String name) {
        return endpoints.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
    }
}
