package io.tollgate.ui.tickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A ticket's page in a real browser on a desktop and a phone: every finding's message is there in full (wrapped, not
 * cut with "…"), every finding has its mark in the script (two on one line here), the SQL comes before Approve and
 * wraps instead of being cut at the screen's edge; and the self-check page, for its screenshot.
 */
@TollgateAppTest
class TicketPageBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_ticket_page_");
    /**
     * Two statements on line 1, each with a warning (a LIKE pattern starting with %), and a line long enough to wrap
     * on a phone; nothing an ERROR (LIMIT, for one, is refused at execution), so that the ticket awaits approval.
     */
    static final String SQL = "UPDATE `stock` SET qty = qty + 1 WHERE id = 1 AND qty LIKE '%0';"
            + " UPDATE `stock` SET qty = qty + 2 WHERE id = 1 AND qty LIKE '%1';\n"
            + "UPDATE `stock` SET qty = qty - 1 WHERE id = 2 AND qty > 0 AND qty < 1000000 AND id IN (2, 3, 4, 5);";

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    ChromeDriver browser;
    WebDriverWait wait;
    private final List<String> submitted = new ArrayList<>();

    @BeforeAll
    static void table() throws SQLException {
        TARGET.sql("CREATE TABLE `stock` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='stock'");
        TARGET.sql("INSERT INTO `stock` VALUES (1, 10), (2, 20)");
    }

    @BeforeEach
    void startBrowser() {
        TARGET.register(instances);
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        for (String id : submitted) {
            try {
                tickets.withdraw(id, "engineer");
            } catch (RuntimeException alreadyOver) {
                // nothing waits on anybody
            }
        }
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800, ticket-desktop", "400, 800, ticket-phone"})
    void findingsReadInFullMarkedInTheScriptAndTheSqlComesBeforeApprove(int width, int height, String screenshot) {
        String id = tickets.submit("engineer", new TicketDraft("Restock " + TARGET.name, TARGET.instance, TARGET.name,
                SQL, "restock after the count", ExecutionMode.AFTER_APPROVAL, null)).id();
        submitted.add(id);
        await().atMost(Duration.ofSeconds(90)).until(() -> tickets.find(id).orElseThrow().status()
                != TicketStatus.REVIEWING);
        assertThat(tickets.find(id).orElseThrow().status()).as("findings: " + tickets.find(id).orElseThrow()
                .findings()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        List<TicketFinding> findings = tickets.find(id).orElseThrow().findings();
        assertThat(findings).as("the script's findings").hasSizeGreaterThanOrEqualTo(2);
        assertThat(findings.stream().filter(f -> f.line() == 1).count()).as("two on line 1").isGreaterThanOrEqualTo(2);

        browser.manage().window().setSize(new Dimension(width, height));
        Chromium.signIn(browser, port, "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + port + "/tickets/" + id);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-waiting-for"), "reviewer"));

        // the SQL, then Approve; the SQL wraps instead of running off the screen
        WebElement sql = browser.findElement(By.cssSelector("#ticket-sql-view textarea"));
        assertThat(sql.getRect().getY()).as("SQL above Approve").isLessThan(
                browser.findElement(By.id("approve")).getRect().getY());
        assertThat((Boolean) browser.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth", sql))
                .as("no SQL hidden at the side").isTrue();

        // every message whole, in a cell that shows all of it, on the screen (on a phone: one cell per finding,
        // its place, level and rule above the message, instead of five columns running off the side)
        boolean phone = width < io.tollgate.ui.layout.Phone.WIDTH;
        String messages = phone ? "#ticket-findings .finding-message" : "#ticket-findings vaadin-grid-cell-content";
        for (TicketFinding finding : findings) {
            WebElement cell = wait.until(d -> d.findElements(By.cssSelector(messages))
                    .stream().filter(c -> finding.message().equals(c.getDomProperty("textContent"))).findFirst()
                    .orElse(null));
            assertThat((Boolean) browser.executeScript("const c = arguments[0];"
                    + " return c.scrollWidth <= c.clientWidth + 1 && getComputedStyle(c).textOverflow !== 'ellipsis'"
                    + " || getComputedStyle(c).whiteSpace !== 'nowrap';", cell))
                    .as("shown whole: " + finding.message()).isTrue();
            assertThat((Boolean) browser.executeScript("const r = arguments[0].getBoundingClientRect();"
                    + " return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;", cell))
                    .as("within the screen's width: " + finding.message()).isTrue();
            if (phone) {
                assertThat(cell.findElement(By.xpath("preceding-sibling::span")).getText())
                        .contains(finding.ruleId(), finding.line() + ":" + finding.column());
            }
        }
        // every finding marked in the script, several on one line
        List<WebElement> marks = browser.findElements(By.cssSelector("#ticket-finding-marks .finding-mark"));
        assertThat(marks).hasSize(findings.size());
        for (TicketFinding finding : findings) {
            assertThat(marks).anyMatch(m -> String.valueOf(m.getDomProperty("textContent"))
                    .contains(finding.ruleId() + ": " + finding.message()));
        }
        assertThat(browser.findElement(By.id("ticket-badges")).getText()).doesNotContain("MODERATE", "LOW", "HIGH",
                "AWAITING_APPROVAL");
        assertThat(browser.findElement(By.id("ticket-facts")).getText()).contains("3 statements")
                .doesNotContain("AFTER_APPROVAL");
        Chromium.screenshot(browser, screenshot);
    }

    @Test
    void theSelfCheckShowsFindingsInFull() {
        browser.manage().window().setSize(new Dimension(1280, 1000));
        Chromium.signIn(browser, port, "engineer", "engineer-demo");
        browser.get("http://localhost:" + port + "/self-check");
        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#sql textarea")));
        editor.sendKeys(SQL);
        wait.until(d -> String.valueOf(d.findElement(By.cssSelector("#sql pre")).getText()).contains("LIKE"));
        browser.findElement(By.id("check")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "3 statements"));
        assertThat(browser.findElement(By.id("summary")).getText()).doesNotContain("MODERATE", "LOW", "HIGH");
        assertThat(browser.findElements(By.cssSelector("#annotated-sql .finding-mark"))).hasSizeGreaterThanOrEqualTo(2);
        Chromium.screenshot(browser, "self-check");
        browser.executeScript("document.getElementById('findings').scrollIntoView()");
        Chromium.screenshot(browser, "self-check-findings");
    }
}
