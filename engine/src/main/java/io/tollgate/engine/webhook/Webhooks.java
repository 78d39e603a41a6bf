package io.tollgate.engine.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes an event to every webhook endpoint subscribed to its kind, in the caller's transaction (a delivery row
 * per endpoint; the dispatcher posts it later). The JSON body:
 * {@code {"id": <delivery id>, "kind": "TICKET_APPROVED", "occurredAt": "2026-11-25T10:00:00Z", "link": "https://...",
 * "parameters": {...}}}.
 */
@Component
public class Webhooks {

    private final WebhookProperties properties;
    private final WebhookDeliveryRepository deliveries;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;

    Webhooks(WebhookProperties properties, WebhookDeliveryRepository deliveries, Clock clock) {
        this.properties = properties;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** @return how many deliveries were queued (one per subscribed endpoint) */
    @Transactional
    public int publish(String kind, Map<String, ?> parameters, String link) {
        Instant now = clock.instant();
        int queued = 0;
        for (WebhookProperties.Endpoint endpoint : properties.endpoints()) {
            if (!endpoint.wants(kind)) {
                continue;
            }
            String id = WebhookDelivery.newId();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("kind", kind);
            body.put("occurredAt", now.toString());
            body.put("link", link);
            body.put("parameters", parameters);
            deliveries.save(new WebhookDelivery(id, endpoint.name(), kind, write(body), now));
            queued++;
        }
        return queued;
    }

    private String write(Map<String, Object> body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Webhook parameters cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
