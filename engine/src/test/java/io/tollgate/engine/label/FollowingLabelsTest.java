package io.tollgate.engine.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.ticket.TicketStatus;
import org.junit.jupiter.api.Test;

/** One long-lived {@link Labels#following} answers in the language its supplier names at each lookup. */
class FollowingLabelsTest {

    @Test
    void answersInTheLanguageNamedAtEachLookup() {
        AtomicReference<String> language = new AtomicReference<>("en");
        Labels labels = Labels.following(language::get);
        assertThat(labels.of(TicketStatus.AWAITING_APPROVAL)).isEqualTo(Labels.in("en").of(TicketStatus.AWAITING_APPROVAL));
        assertThat(labels.count(3, "statement")).isEqualTo(Labels.in("en").count(3, "statement"));

        language.set("zh-CN");
        assertThat(labels.of(TicketStatus.AWAITING_APPROVAL))
                .isEqualTo(Labels.in("zh").of(TicketStatus.AWAITING_APPROVAL))
                .isNotEqualTo(Labels.in("en").of(TicketStatus.AWAITING_APPROVAL));
        assertThat(labels.of(RiskLevel.class, "HIGH")).isEqualTo(Labels.in("zh").of(RiskLevel.HIGH));
        assertThat(labels.statementKind("ALTER_TABLE")).isEqualTo(Labels.in("zh").statementKind("ALTER_TABLE"));
        assertThat(labels.has(Labels.key(TicketStatus.EXECUTED))).isTrue();

        language.set("fr");
        assertThat(labels.of(TicketStatus.AWAITING_APPROVAL)).isEqualTo(Labels.in("en").of(TicketStatus.AWAITING_APPROVAL));
        language.set(null);
        assertThat(labels.of(TicketStatus.EXECUTED)).isEqualTo(Labels.in("en").of(TicketStatus.EXECUTED));
    }
}
