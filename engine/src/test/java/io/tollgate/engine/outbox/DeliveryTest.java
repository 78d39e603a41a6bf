package io.tollgate.engine.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5), 10);

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(POLICY.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(POLICY.backoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(POLICY.backoff(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(POLICY.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(POLICY.backoff(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFailedAttemptWaitsItsBackoffAndAnErrorLongerThanTheColumnIsCut() {
        Delivery delivery = Delivery.dueAt(NOW);
        delivery.failed("x".repeat(5000), NOW, POLICY);
        assertThat(delivery.lastError()).hasSize(Delivery.MAX_ERROR_LENGTH);
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofSeconds(30)));
    }

    @Test
    void onlyAGivenUpDeliveryCanBeRetried() {
        Delivery sent = Delivery.dueAt(NOW);
        sent.sent(NOW);
        sent.retry(NOW.plusSeconds(5));
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.sentAt()).isEqualTo(NOW);
    }
}
