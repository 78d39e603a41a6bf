package io.tollgate.engine.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class OutboxMailTest {

    private static final Duration INITIAL = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofHours(1);

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        assertThat(OutboxMail.backoff(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OutboxMail.backoff(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(60));
        assertThat(OutboxMail.backoff(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(120));
        assertThat(OutboxMail.backoff(8, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(OutboxMail.backoff(1000, INITIAL, MAX)).isEqualTo(MAX);
    }

    @Test
    void anErrorLongerThanTheColumnIsCut() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        OutboxMail mail = new OutboxMail(MailKind.TICKET_EXECUTED, "ann", "ann@example.org", "en",
                new RenderedMail("s", "t", "h", null), now);
        mail.failed("x".repeat(5000), now, 8, INITIAL, MAX);
        assertThat(mail.view().lastError()).hasSize(OutboxMail.MAX_ERROR_LENGTH);
        assertThat(mail.status()).isEqualTo(MailStatus.PENDING);
    }
}
