package io.tollgate.engine.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/**
 * The delivery state of one outgoing message, embedded in its row (columns {@code status}, {@code attempts},
 * {@code next_attempt_at}, {@code lease_until}, {@code last_error}, {@code sent_at}). Only the
 * {@link DeliveryLoop} moves it, except an admin's {@link #retry}.
 */
@Embeddable
public class Delivery {

    static final int MAX_ERROR_LENGTH = 1000;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 10)
    private DeliveryStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Delivery() {
    }

    /** A new message, due at once. */
    public static Delivery dueAt(Instant now) {
        Delivery delivery = new Delivery();
        delivery.status = DeliveryStatus.PENDING;
        delivery.nextAttemptAt = now;
        return delivery;
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant sentAt() {
        return sentAt;
    }

    /** An admin asks for another round of attempts on a given-up message; others are left as they are. */
    public void retry(Instant now) {
        if (status == DeliveryStatus.FAILED) {
            status = DeliveryStatus.PENDING;
            attempts = 0;
            nextAttemptAt = now;
        }
    }

    void sent(Instant now) {
        status = DeliveryStatus.SENT;
        sentAt = now;
        leaseUntil = null;
        lastError = null;
    }

    /** A failed attempt: wait per the policy before the next one, or give up once its attempts are used up. */
    void failed(String error, Instant now, RetryPolicy policy) {
        lastError = error == null ? "unknown error"
                : error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        leaseUntil = null;
        if (attempts >= policy.maxAttempts()) {
            status = DeliveryStatus.FAILED;
            return;
        }
        status = DeliveryStatus.PENDING;
        nextAttemptAt = now.plus(policy.backoff(attempts));
    }
}
