package io.tollgate.engine.webhook;

import java.time.Instant;
import java.util.UUID;

import io.tollgate.engine.outbox.Delivery;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One event for one endpoint, from the moment it happened until the endpoint took it or it was given up. */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "endpoint", nullable = false, length = 100)
    private String endpoint;

    @Column(name = "kind", nullable = false, length = 40)
    private String kind;

    @Column(name = "payload", nullable = false, columnDefinition = "LONGTEXT")
    private String payload;

    @Embedded
    private Delivery delivery;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected WebhookDelivery() {
    }

    WebhookDelivery(String id, String endpoint, String kind, String payload, Instant now) {
        this.id = id;
        this.endpoint = endpoint;
        this.kind = kind;
        this.payload = payload;
        this.delivery = Delivery.dueAt(now);
        this.createdAt = now;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    String id() {
        return id;
    }

    String endpoint() {
        return endpoint;
    }

    String kind() {
        return kind;
    }

    String payload() {
        return payload;
    }

    Delivery delivery() {
        return delivery;
    }
}
