package io.tollgate.engine.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.tollgate.integrations.webhook.WebhookDeliveryException;
import io.tollgate.integrations.webhook.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Posts due deliveries: claim (committed on its own, so one node posts each), post, record SENT or the next attempt
 * or FAILED. A delivery whose endpoint was removed from the configuration fails at once.
 */
class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final int BATCH = 50;

    private final WebhookDeliveryRepository deliveries;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    WebhookDispatcher(WebhookDeliveryRepository deliveries, WebhookSender sender, WebhookProperties properties,
                      TransactionTemplate tx, Clock clock) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Posts what is due now; returns how many endpoints answered 2xx. */
    int dispatchDue() {
        Instant now = clock.instant();
        List<String> due = tx.execute(s -> deliveries.findDueIds(now, Limit.of(BATCH)));
        int sent = 0;
        for (String id : due == null ? List.<String>of() : due) {
            if (dispatch(id)) {
                sent++;
            }
        }
        return sent;
    }

    private boolean dispatch(String id) {
        Instant now = clock.instant();
        WebhookDelivery delivery = tx.execute(s -> deliveries.claim(id, now, now.plus(properties.claimTimeout())) == 1
                ? deliveries.findById(id).orElse(null) : null);
        if (delivery == null) {
            return false;
        }
        WebhookProperties.Endpoint endpoint = properties.endpoint(delivery.endpoint());
        try {
            if (endpoint == null) {
                throw new WebhookDeliveryException("endpoint '" + delivery.endpoint() + "' is no longer configured", null);
            }
            sender.post(endpoint.url(), endpoint.secret(), delivery.kind(), delivery.id(), delivery.payload());
        } catch (WebhookDeliveryException e) {
            tx.executeWithoutResult(s -> deliveries.findById(id).ifPresent(d -> {
                d.failed(e.getMessage(), clock.instant(), properties);
                log.warn("Webhook {} to '{}' not delivered (attempt {} of {}): {}", id, d.endpoint(), d.attempts(),
                        properties.maxAttempts(), e.getMessage());
            }));
            return false;
        }
        tx.executeWithoutResult(s -> deliveries.findById(id).ifPresent(d -> d.sent(clock.instant())));
        return true;
    }
}
