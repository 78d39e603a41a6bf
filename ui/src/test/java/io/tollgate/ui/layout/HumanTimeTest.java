package io.tollgate.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Times read as words, the exact local time without fractions or a Z. */
class HumanTimeTest {

    private static final Instant NOW = Instant.parse("2026-12-02T16:49:54.841123Z");
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void relativeTimesInWords() {
        assertThat(HumanTime.relative(NOW.minusSeconds(10), NOW, SHANGHAI)).isEqualTo("just now");
        assertThat(HumanTime.relative(NOW.minus(Duration.ofMinutes(3)), NOW, SHANGHAI)).isEqualTo("3 min ago");
        assertThat(HumanTime.relative(NOW.minus(Duration.ofHours(5)), NOW, SHANGHAI)).isEqualTo("5 h ago");
        assertThat(HumanTime.relative(NOW.minus(Duration.ofDays(1)), NOW, SHANGHAI)).isEqualTo("24 h ago");
        assertThat(HumanTime.relative(NOW.minus(Duration.ofDays(3)), NOW, SHANGHAI)).isEqualTo("3 days ago");
        assertThat(HumanTime.relative(NOW.plus(Duration.ofMinutes(40)), NOW, SHANGHAI)).isEqualTo("in 40 min");
        assertThat(HumanTime.relative(NOW.minus(Duration.ofDays(30)), NOW, SHANGHAI)).isEqualTo("on 2026-11-03");
        assertThat(HumanTime.relative(null, NOW, SHANGHAI)).isEmpty();
    }

    @Test
    void exactLocalTimeWithOffsetNeverIsoWithZ() {
        assertThat(HumanTime.exact(NOW, SHANGHAI)).isEqualTo("2026-12-03 00:49:54 +08:00");
        assertThat(HumanTime.exact(NOW, ZoneId.of("UTC"))).isEqualTo("2026-12-02 16:49:54 +00:00")
                .doesNotContain("T").doesNotContain("Z").doesNotContain(".");
        assertThat(HumanTime.span(NOW.minusSeconds(180), NOW, SHANGHAI).getTitle().orElseThrow()).contains("2026-12-03 00:46:54");
    }

    /** Date fields show and take the date as every page writes it, not the browser's month-first form. */
    @Test
    void dateFieldsAreIsoFromMonday() {
        var picker = HumanTime.datePicker("From");
        assertThat(picker.getLabel()).isEqualTo("From");
        assertThat(picker.getI18n().getDateFormats()).containsExactly("yyyy-MM-dd");
        assertThat(picker.getI18n().getFirstDayOfWeek()).isEqualTo(1);
    }
}
