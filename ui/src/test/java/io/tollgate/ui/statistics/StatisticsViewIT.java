package io.tollgate.ui.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tollgate.Http;
import io.tollgate.TollgateAppTest;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real browser opens the Statistics page as an auditor on seeded records (in a week of March 2021 that no other
 * test writes into) and reads back from each ECharts instance what it draws: the totals must be the seeded ones.
 * The same range over REST, and bad ranges refused in the API's error shape.
 */
@TollgateAppTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsViewIT {

    static final String FROM = "2021-03-01";
    static final String TO = "2021-03-07";

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    ChromeDriver browser;

    final String instance = "stats-" + UUID.randomUUID().toString().substring(0, 8);
    final String submitter = "stats-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void seed() {
        jdbc.update("insert into target_instance (id, name, host, port, username, password_cipher, environment,"
                + " read_only, reviewer_group, updated_by) values (?, ?, 'localhost', 3306, 'u', 'x', 'PROD', false,"
                + " 'reviewer', 'admin')", UUID.randomUUID().toString(), instance);
        // 3 executed (2 + 3 + 4 rows), 2 rejected, 1 withdrawn, over three days
        ticket("EXECUTED", 1, 2);
        ticket("EXECUTED", 1, 3);
        ticket("EXECUTED", 3, 4);
        ticket("REJECTED", 2, -1);
        ticket("REJECTED", 3, -1);
        ticket("WITHDRAWN", 5, -1);
        String change = "stats-" + UUID.randomUUID();
        jdbc.update("insert into service_tree_change (change_id, kind, node_id, requester, reason, status, critical,"
                + " change_json, requested_at, updated_at) values (?, 'CREATE', 1, 'sre', 'r', 'APPLIED', false, '{}',"
                + " ?, ?)", change, LocalDateTime.of(2021, 3, 4, 10, 0), LocalDateTime.of(2021, 3, 4, 10, 0));
    }

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start();
    }

    private void ticket(String status, int day, long rows) {
        String id = "stats-" + UUID.randomUUID();
        LocalDateTime at = LocalDateTime.of(2021, 3, day, 12, 0);
        jdbc.update("insert into sql_ticket (ticket_id, title, instance_name, database_name, sql_text, reason,"
                + " submitter, execution_mode, status, statement_count, abort_requested, submitted_at, updated_at)"
                + " values (?, 't', ?, 'db', 'UPDATE t SET a = 1', 'r', ?, 'MANUAL', ?, 1, false, ?, ?)",
                id, instance, submitter, status, at, at);
        if (rows >= 0) {
            jdbc.update("insert into sql_ticket_result (ticket_id, run, seq, statement_no, kind, status,"
                    + " affected_rows) values (?, 'EXECUTION', 0, 1, 'DML', 'EXECUTED', ?)", id, rows);
            // what the executions' figure reads: the trail's EXECUTED, as an execution writes it
            jdbc.update("insert into sql_ticket_event (ticket_id, event_type, actor, occurred_at)"
                    + " values (?, 'EXECUTED', 'system', ?)", id, at.plusMinutes(5));
        }
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theChartsShowTheSeededTotals() {
        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        browser.get("http://localhost:" + port + "/statistics?from=" + FROM + "&to=" + TO);
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        for (String chart : List.of("chart-outcome", "chart-kind", "chart-rows", "chart-submitters",
                "chart-tree-changes")) {
            wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-rendered", "true"));
        }

        assertThat(seriesTotals("chart-outcome")).isEqualTo(Map.of("executed", 3L, "rejected", 2L, "withdrawn", 1L));
        assertThat(seriesTotals("chart-kind")).isEqualTo(Map.of("DML", 3L, "not executed", 3L));
        assertThat(seriesTotals("chart-rows")).isEqualTo(Map.of("rows", 9L));
        assertThat(seriesTotals("chart-submitters")).isEqualTo(Map.of("tickets", 6L));
        assertThat(seriesTotals("chart-tree-changes")).isEqualTo(Map.of("CREATE · applied", 1L));
        // the x axis has every day of the range, the days without tickets too
        assertThat(browser.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-outcome'))"
                + ".getOption().xAxis[0].data.length")).isEqualTo(7L);
        assertThat(browser.findElement(By.id("statistics-summary")).getText())
                .contains("6 tickets", "3 succeeded", "9 rows changed", "1 service-tree change");
        Chromium.screenshot(browser, "statistics");
    }

    /** Sums each series of a chart as ECharts holds it in the browser. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> seriesTotals(String chart) {
        List<List<Object>> series = (List<List<Object>>) browser.executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                        + ".map(s => [s.name, s.data.reduce((a, b) => a + b, 0)])", chart);
        return series.stream().collect(Collectors.toMap(s -> (String) s.get(0), s -> ((Number) s.get(1)).longValue()));
    }

    @Test
    void theSameFiguresOverRestAndBadRangesAreRefusedClearly() throws Exception {
        Http http = new Http(port);
        HttpResponse<String> report = http.get("/api/v1/statistics?from=" + FROM + "&to=" + TO, "auditor",
                "auditor-demo");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains("\"tickets\":6", "\"succeeded\":3", "\"key\":\"" + submitter + "\"");

        HttpResponse<String> notADay = http.get("/api/v1/statistics?from=yesterday", "auditor", "auditor-demo");
        assertThat(notADay.statusCode()).isEqualTo(400);
        assertThat(notADay.body()).contains("\"message\"", "'from' must be a day like");
        HttpResponse<String> backwards = http.get("/api/v1/statistics?from=" + TO + "&to=" + FROM, "auditor",
                "auditor-demo");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("must not be after");
        HttpResponse<String> tooLong = http.get("/api/v1/statistics?from=2020-01-01&to=2021-12-31", "auditor",
                "auditor-demo");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 366 days");
    }
}
