package io.tollgate.ui.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import io.tollgate.engine.statistics.StatisticsReport;
import io.tollgate.engine.statistics.StatisticsReport.Outcomes;
import org.junit.jupiter.api.Test;

/** The summary line above the charts says what the figures are, and no rate where there is nothing to rate. */
class StatisticsSummaryTest {

    private static StatisticsReport report(long tickets, Outcomes executions) {
        LocalDate day = LocalDate.of(2026, 11, 20);
        return new StatisticsReport(day, day.plusDays(15), tickets, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), executions, 0, 0, List.of(), List.of(), 0,
                List.of(), List.of());
    }

    @Test
    void aRangeWithoutExecutionsHasNoSuccessRate() {
        assertThat(StatisticsView.summaryOf(report(2, new Outcomes(0, 0, 0))))
                .isEqualTo("2026-11-20 to 2026-12-05: 2 tickets · no executions · 0 rolled back (0.0 per 100 tickets)"
                        + " · 0 rows changed · 0 service-tree changes")
                .doesNotContain("% success");
    }

    @Test
    void oneOfAKindIsSingular() {
        StatisticsReport one = new StatisticsReport(LocalDate.of(2026, 11, 20), LocalDate.of(2026, 12, 5), 1,
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                new Outcomes(1, 0, 100.0), 0, 0, List.of(), List.of(new StatisticsReport.Count("DEVELOPMENT", 1)), 1,
                List.of(), List.of());
        assertThat(StatisticsView.summaryOf(one)).startsWith("2026-11-20 to 2026-12-05: 1 ticket · ")
                .contains("1 row changed").endsWith("1 service-tree change").doesNotContain("1 tickets");
    }

    @Test
    void executionsAreCountedWithTheirRate() {
        assertThat(StatisticsView.summaryOf(report(4, new Outcomes(3, 1, 75.0))))
                .contains("executions: 3 succeeded, 1 failed (75.0 % success)");
    }
}
