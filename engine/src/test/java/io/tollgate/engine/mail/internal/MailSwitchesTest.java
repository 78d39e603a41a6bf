package io.tollgate.engine.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.tollgate.engine.TestClock;
import io.tollgate.engine.mail.MailKind;
import org.junit.jupiter.api.Test;

class MailSwitchesTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final List<MailKindSetting> rows = new ArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final MailSwitches switches = new MailSwitches(() -> {
        reads.incrementAndGet();
        return List.copyOf(rows);
    }, clock);

    @Test
    void aKindWithoutARowIsOnAndTheSwitchesAreReadOncePerFreshSpan() {
        assertThat(switches.enabled(MailKind.TASK_CREATED)).isTrue();
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isTrue();
        assertThat(switches.enabled(MailKind.TICKET_EXECUTED)).isTrue();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aSwitchMadeElsewhereHoldsOnceTheSnapshotIsNoLongerFresh() {
        assertThat(switches.enabled(MailKind.TASK_CREATED)).isTrue();
        rows.add(new MailKindSetting(MailKind.TASK_CREATED, false)); // another node's switch, straight to the table

        clock.advance(MailSwitches.FRESH_FOR.minusMillis(1));
        assertThat(switches.enabled(MailKind.TASK_CREATED)).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(switches.enabled(MailKind.TASK_CREATED)).isFalse();
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aSwitchMadeOnThisNodeHoldsAtOnce() {
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isTrue();
        rows.add(new MailKindSetting(MailKind.TICKET_APPROVED, false));
        switches.changed();
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isFalse();
    }

    @Test
    void aClockThatWentBackReadsAgain() {
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isTrue();
        rows.add(new MailKindSetting(MailKind.TICKET_APPROVED, false));
        clock.advance(Duration.ofSeconds(-30));
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isFalse();
    }

    @Test
    void theAdminViewReadsNowInTheKindsOrder() {
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).isTrue();
        rows.add(new MailKindSetting(MailKind.TICKET_APPROVED, false)); // another node's switch, within the span
        assertThat(switches.fresh()).containsEntry(MailKind.TICKET_APPROVED, false)
                .containsOnlyKeys(MailKind.values());
        assertThat(switches.fresh().keySet()).containsExactly(MailKind.values());
        assertThat(switches.enabled(MailKind.TICKET_APPROVED)).as("the fresh read serves the notifications too").isFalse();
    }
}
