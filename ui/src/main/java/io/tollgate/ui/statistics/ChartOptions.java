package io.tollgate.ui.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import io.tollgate.engine.statistics.StatisticsReport.Count;
import io.tollgate.engine.statistics.StatisticsReport.DayCount;
import io.tollgate.engine.statistics.StatisticsReport.Rate;
import io.tollgate.engine.statistics.StatisticsReport.TreeDayCount;
import io.tollgate.engine.statistics.StatisticsReport.WeekPercentiles;

/** ECharts options for the report's figures: plain maps and lists that {@link EChart} hands over as JSON. */
final class ChartOptions {

    private ChartOptions() {
    }

    /** One stacked bar per day of the range (days without any included), one series per key. */
    static Map<String, Object> stackedDays(String title, LocalDate from, LocalDate to, List<DayCount> counts) {
        List<String> days = Stream.iterate(from, d -> !d.isAfter(to), d -> d.plusDays(1)).map(LocalDate::toString)
                .toList();
        TreeSet<String> keys = new TreeSet<>();
        counts.forEach(c -> keys.add(c.key()));
        List<Object> series = new ArrayList<>();
        for (String key : keys) {
            long[] values = new long[days.size()];
            counts.stream().filter(c -> c.key().equals(key))
                    .forEach(c -> values[(int) (c.day().toEpochDay() - from.toEpochDay())] += c.count());
            series.add(Map.of("name", key, "type", "bar", "stack", "total", "data", values));
        }
        return chart(title, Map.of("type", "category", "data", days), Map.of("type", "value", "minInterval", 1),
                series);
    }

    /** Service-tree changes per day, one series per kind and outcome. */
    static Map<String, Object> treeDays(String title, LocalDate from, LocalDate to, List<TreeDayCount> counts) {
        return stackedDays(title, from, to, counts.stream()
                .map(c -> new DayCount(c.day(), c.kind() + " · " + c.outcome(), c.count())).toList());
    }

    /** One bar per key. */
    static Map<String, Object> bars(String title, String seriesName, List<Count> counts) {
        return chart(title, Map.of("type", "category", "data", counts.stream().map(Count::key).toList(),
                        "axisLabel", Map.of("interval", 0, "rotate", counts.size() > 5 ? 30 : 0)),
                Map.of("type", "value"),
                List.of(Map.of("name", seriesName, "type", "bar", "data",
                        counts.stream().map(Count::count).toList())));
    }

    /** p50 and p95 per week, in hours. */
    static Map<String, Object> weekly(String title, List<WeekPercentiles> weeks) {
        List<String> labels = weeks.stream().map(w -> w.week().toString()).toList();
        return chart(title, Map.of("type", "category", "data", labels),
                Map.of("type", "value", "name", "hours"),
                List.of(line("p50", weeks, w -> hours(w.p50Seconds())), line("p95", weeks,
                        w -> hours(w.p95Seconds()))));
    }

    /** Approval and rejection rates (percent of those decided) per key. */
    static Map<String, Object> rates(String title, List<Rate> rates) {
        List<String> keys = rates.stream().map(Rate::key).toList();
        return chart(title, Map.of("type", "category", "data", keys),
                Map.of("type", "value", "max", 100, "name", "%"),
                List.of(series("approved %", "bar", rates, Rate::approvalRate),
                        series("rejected %", "bar", rates, Rate::rejectionRate)));
    }

    private static double hours(long seconds) {
        return Math.round(seconds / 36.0) / 100.0;
    }

    private static <T> Map<String, Object> line(String name, List<T> items, ToDoubleFunction<T> value) {
        return series(name, "line", items, value);
    }

    private static <T> Map<String, Object> series(String name, String type, List<T> items,
                                                  ToDoubleFunction<T> value) {
        return Map.of("name", name, "type", type, "data", items.stream().mapToDouble(value).toArray());
    }

    private static Map<String, Object> chart(String title, Map<String, Object> xAxis, Map<String, Object> yAxis,
                                             List<?> series) {
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("title", Map.of("text", title, "textStyle", Map.of("fontSize", 14)));
        option.put("tooltip", Map.of("trigger", "axis"));
        option.put("legend", Map.of("top", 24, "type", "scroll"));
        option.put("grid", Map.of("top", 64, "left", 48, "right", 24, "bottom", 48));
        option.put("xAxis", xAxis);
        option.put("yAxis", yAxis);
        option.put("series", series);
        return option;
    }
}
