package io.tollgate.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin builds a team in a real browser (Debian's headless Chromium): creates a reviewer on Admin > Accounts; the
 * new person signs in, is held on the change-password page until they chose their own password, then approves a
 * ticket somebody else submitted; an admin disables them and their open session ends on the next page.
 */
@TollgateAppTest
class AccountJourneyBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_accounts_");

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    @Autowired Accounts accounts;
    @Autowired AccountAdministration administration;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() {
        TARGET.register(instances);
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            Chromium.screenshot(browser, "account-journey-last");
            browser.quit();
        }
    }

    @Test
    void anAdminCreatesAReviewerWhoChangesTheirPasswordAndApprovesATicket() throws Exception {
        String table = TARGET.fruitTable();
        String id = tickets.submit("engineer", new TicketDraft("Sell a plum", TARGET.instance, TARGET.name,
                "UPDATE `" + table + "` SET qty = qty - 1 WHERE id = 3;", "a customer bought one",
                ExecutionMode.MANUAL, null)).id();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tickets.find(id).orElseThrow().status() == TicketStatus.AWAITING_APPROVAL);
        String name = "rita" + Long.toString(System.nanoTime() % 1_000_000, 36);

        Chromium.signIn(browser, port, "admin", "admin-demo");
        browser.get("http://localhost:" + port + "/admin");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("new-account"))).click();
        type(By.cssSelector("#new-username input"), name);
        type(By.cssSelector("#new-display-name input"), "Rita Reviewer");
        type(By.cssSelector("#new-email input"), name + "@example.org");
        type(By.cssSelector("#new-password input"), "short");
        check("new-roles", "reviewer");
        browser.findElement(By.id("create-account")).click();
        wait.until(d -> d.findElement(By.id("new-account-error")).getText().contains("at least 8 characters"));
        WebElement password = browser.findElement(By.cssSelector("#new-password input"));
        password.sendKeys(Keys.chord(Keys.CONTROL, "a"), "first-pass-1");
        browser.findElement(By.id("create-account")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("create-account")));
        wait.until(d -> d.findElement(By.id("account-grid")).getDomProperty("textContent").contains(name));
        assertThat(accounts.find(name).orElseThrow().mustChangePassword()).isTrue();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.tagName("vaadin-notification-card")));
        Path shot = Chromium.screenshot(browser, "accounts");
        Path docs = Path.of("..", "docs", "screenshots");
        if (Files.isDirectory(docs.getParent())) {
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve("accounts.png"), StandardCopyOption.REPLACE_EXISTING);
        }
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlContains("/login"));

        // the new person signs in and is held on the change-password page, whatever they open
        browser.get("http://localhost:" + port + "/login");
        type(By.cssSelector("#vaadinLoginUsername input"), name);
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys("first-pass-1", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/change-password"));
        browser.get("http://localhost:" + port + "/tickets/" + id);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("change-password")));
        assertThat(browser.getCurrentUrl()).contains("/change-password");
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        Chromium.screenshot(browser, "change-password");

        type(By.cssSelector("#current-password input"), "first-pass-1");
        type(By.cssSelector("#new-password input"), "ritas-own-pass");
        type(By.cssSelector("#repeat-password input"), "ritas-own-pass");
        browser.findElement(By.id("change-password")).click();
        wait.until(ExpectedConditions.textToBe(By.id("signed-in-user"), name));
        assertThat(accounts.find(name).orElseThrow().mustChangePassword()).isFalse();

        // and works a task: approves the engineer's ticket
        browser.get("http://localhost:" + port + "/tickets/" + id);
        type(By.cssSelector("#decision-comment textarea"), "looks right");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tickets.find(id).orElseThrow().status() == TicketStatus.AWAITING_EXECUTION);

        // an admin disables the person: the open session ends on its next page
        administration.disable("admin", name);
        browser.get("http://localhost:" + port + "/tasks");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(browser.findElements(By.id("signed-in-user"))).isEmpty();
    }

    private void check(String groupId, String label) {
        List<WebElement> boxes = wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#" + groupId + " vaadin-checkbox"));
            return found.isEmpty() ? null : found;
        });
        boxes.stream().filter(b -> b.getText().strip().equals(label)).findFirst().orElseThrow()
                .findElement(By.tagName("input")).click();
    }

    private void type(By field, String text) {
        wait.until(ExpectedConditions.elementToBeClickable(field)).sendKeys(text);
    }
}
