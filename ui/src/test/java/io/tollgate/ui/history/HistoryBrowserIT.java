package io.tollgate.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Collectors;

import io.tollgate.Http;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An auditor on the History page in a real browser: filters the trail down to one person's failed sign-ins, opens
 * an entry to read its payload, and downloads the filtered view as CSV (the download states the filter, carries the
 * hashes, and is itself on the trail).
 */
@TollgateAppTest
class HistoryBrowserIT {

    @LocalServerPort int port;
    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            Chromium.screenshot(browser, "history-last");
            browser.quit();
        }
    }

    @Test
    void anAuditorFiltersOpensAnEntryAndDownloadsTheFilteredView() throws Exception {
        String who = "intruder-" + System.nanoTime();
        Http http = new Http(port);
        http.get("/api/v1/tickets", who, "guess-1");
        http.get("/api/v1/tickets", who, "guess-2");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE actor = ? AND entry_hash IS NOT NULL", Long.class, who) == 2);

        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        browser.get("http://localhost:" + port + "/history");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#trail-actor input"))).sendKeys(who);
        browser.findElement(By.id("trail-search")).click();
        wait.until(ExpectedConditions.textToBe(By.id("trail-count"), "2 entries"));
        WebElement cell = wait.until(d -> d.findElements(By.cssSelector("#trail-entries vaadin-grid-cell-content"))
                .stream().filter(c -> c.getText().startsWith("failed sign-in as " + who)).findFirst().orElse(null));
        assertThat(browser.findElements(By.cssSelector("#trail-entries vaadin-grid-cell-content")).stream()
                .map(WebElement::getText).filter(t -> t.startsWith("failed sign-in as ")).toList())
                .hasSize(2).allMatch(t -> t.contains(who));
        Chromium.screenshot(browser, "history-filtered");

        // the actor's cell of that row is near the left edge, on screen
        WebElement actorCell = browser.findElements(By.cssSelector("#trail-entries vaadin-grid-cell-content"))
                .stream().filter(c -> c.getText().equals(who)).findFirst().orElseThrow();
        assertThat(cell.getText()).contains(who);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", actorCell);
        actorCell.click();
        WebElement payload = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trail-entry-payload")));
        assertThat(payload.getText()).contains("\"reason\"").contains("BadCredentialsException");
        Chromium.screenshot(browser, "history-entry");
        browser.findElement(By.xpath("//vaadin-button[text()='Close']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("trail-entry-payload")));

        // the download link is the browser's own (session-bound): fetch it with the browser's session cookie
        String href = browser.findElement(By.id("trail-export-csv")).getDomAttribute("href");
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/").resolve(href)).header("Cookie", cookies).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains(".csv");
        var lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("# {\"record\":\"export\"").contains("\"actor\":\"" + who + "\"");
        assertThat(lines.get(1)).startsWith("id,occurred_at,actor,");
        var csvReader = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        try (com.fasterxml.jackson.databind.MappingIterator<java.util.Map<String, String>> rows = csvReader
                .readerFor(java.util.Map.class).with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema()
                        .withHeader().withComments()).readValues(csv.body())) {
            assertThat(rows.readAll()).hasSize(2).allSatisfy(row -> {
                assertThat(row.get("actor")).isEqualTo(who);
                assertThat(row.get("kind")).isEqualTo("sign-in.failed");
                assertThat(row.get("prev_hash")).matches("[0-9a-f]{64}");
                assertThat(row.get("entry_hash")).matches("[0-9a-f]{64}");
            });
        }
        assertThat(trail.newest("auditor", 20)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("audit.exported");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.payload()).contains(who).contains("csv");
        });
    }
}
