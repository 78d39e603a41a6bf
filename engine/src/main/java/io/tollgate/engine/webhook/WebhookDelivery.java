package io.tollgate.engine.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One event for one endpoint, from the moment it happened until the endpoint took it or it was given up. */
@Entity
@Table(name = "webhook_delivery")
class WebhookDelivery {

    enum Status { PENDING, SENDING, SENT, FAILED }

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "endpoint", nullable = false, length = 100)
    private String endpoint;

    @Column(name = "kind", nullable = false, length = 40)
    private String kind;

    @Column(name = "payload", nullable = false, columnDefinition = "LONGTEXT")
    private String payload;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private Status status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = 1000)
    private String lastError;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

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
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
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

    Status status() {
        return status;
    }

    int attempts() {
        return attempts;
    }

    String lastError() {
        return lastError;
    }

    void sent(Instant now) {
        status = Status.SENT;
        sentAt = now;
        leaseUntil = null;
        lastError = null;
    }

    /** A failed attempt: wait {@code initialBackoff * 2^(attempts-1)}, at most {@code maxBackoff}, or give up. */
    void failed(String error, Instant now, WebhookProperties properties) {
        lastError = error == null ? "unknown error" : error.length() > 1000 ? error.substring(0, 1000) : error;
        leaseUntil = null;
        if (attempts >= properties.maxAttempts()) {
            status = Status.FAILED;
            return;
        }
        status = Status.PENDING;
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        nextAttemptAt = now.plus(wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait);
    }
}
