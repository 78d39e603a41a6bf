package io.tollgate.ui.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The main ticket journey in a real browser (Debian's headless Chromium): an engineer types SQL into the highlighting
 * editor and submits it, a reviewer approves it on the ticket's page, and the page follows the ticket to Executed
 * without a reload.
 */
@TollgateAppTest
class TicketJourneyBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_browser_");

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        TARGET.register(instances);
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() throws Exception {
        if (browser != null) {
            Chromium.screenshot(browser, "ticket-journey-last");
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "ticket-journey-last.html"),
                    browser.getPageSource());
            browser.quit();
        }
    }

    @Test
    void anEngineerSubmitsInTheEditorAndAReviewerApprovesOnTheTicketPage() throws Exception {
        String table = TARGET.fruitTable();
        Chromium.signIn(browser, port, "engineer", "engineer-demo");
        browser.get("http://localhost:" + port + "/tickets/new");
        type(By.cssSelector("#ticket-title input"), "Sell two plums");
        WebElement instance = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#ticket-instance input")));
        instance.sendKeys(TARGET.instance);
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("vaadin-combo-box-item"))).click();
        wait.until(d -> String.valueOf(instance.getDomProperty("value")).startsWith(TARGET.instance));
        type(By.cssSelector("#ticket-database input"), TARGET.name);

        WebElement editor = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#ticket-sql textarea")));
        editor.sendKeys("UPDATE `" + table + "` SET qty = qty - 2 WHERE id = 3;");
        // the editor highlights SQL once the text reaches the server: keywords in spans of their own
        List<String> keywords = wait.until(d -> {
            List<String> k = d.findElements(By.cssSelector("#ticket-sql pre span.sql-kw")).stream()
                    .map(WebElement::getText).toList();
            return k.contains("WHERE") ? k : null;
        });
        assertThat(keywords).containsExactly("UPDATE", "SET", "WHERE");
        assertThat(browser.findElement(By.cssSelector("#ticket-sql pre span.sql-id")).getText())
                .isEqualTo("`" + table + "`");
        type(By.cssSelector("#ticket-reason textarea"), "a customer bought two");
        Chromium.screenshot(browser, "ticket-new");
        browser.findElement(By.id("ticket-submit")).click();

        wait.until(d -> d.getCurrentUrl().matches(".*/tickets/T-[0-9A-F]{12}$")
                || !d.findElements(By.cssSelector("#ticket-problems li")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#ticket-problems li"))).extracting(WebElement::getText)
                .as("problems of the submission").isEmpty();
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        wait.until(textOf("ticket-heading", id + " · Sell two plums"));
        // the page follows the ticket without a reload: the review runs in the background
        wait.until(textOf("ticket-badges", "Awaiting approval"));
        assertThat(browser.findElements(By.id("approve"))).as("nobody approves their own ticket").isEmpty();

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
        Chromium.signIn(browser, port, "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + port + "/tickets/" + id);
        WebElement sql = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#ticket-sql-view textarea")));
        assertThat(sql.getDomProperty("value")).contains("SET qty = qty - 2");
        assertThat(sql.getDomProperty("readOnly")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#ticket-sql-view pre")).getText()).contains("SET qty = qty - 2");
        type(By.cssSelector("#decision-comment textarea"), "fine");
        browser.findElement(By.id("approve")).click();

        wait.withTimeout(Duration.ofSeconds(90)).until(
                textOf("ticket-badges", "Executed"));
        assertThat(tickets.find(id).orElseThrow().status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(TARGET.query("SELECT qty FROM `" + table + "` WHERE id = 3")).isEqualTo("28");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("download-rollback")));
        assertThat(browser.findElement(By.cssSelector("#ticket-rollback-sql textarea")).getDomProperty("value"))
                .contains("undoes statement 1");
        Chromium.screenshot(browser, "ticket-executed");
    }

    /** The element's text (all of it, scrolled into view or not) contains {@code text}. */
    private static org.openqa.selenium.support.ui.ExpectedCondition<Boolean> textOf(String id, String text) {
        return d -> {
            List<WebElement> found = d.findElements(By.id(id));
            return !found.isEmpty() && String.valueOf(found.get(0).getDomProperty("textContent")).contains(text);
        };
    }

    private void type(By field, String text) {
        wait.until(ExpectedConditions.elementToBeClickable(field)).sendKeys(text);
    }
}
