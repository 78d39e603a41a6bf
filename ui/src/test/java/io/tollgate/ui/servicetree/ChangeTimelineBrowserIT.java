package io.tollgate.ui.servicetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.tollgate.Http;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ServiceTreeView;
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

/**
 * A change's pages in Debian's Chromium show its timeline (issue 14): the requester opens their applied change on
 * {@code service-tree/approvals/<changeId>} and reads who requested, approved and applied it, and the engine's task;
 * an auditor follows a History entry to the change's read-only page ({@code service-tree/changes/<changeId>}), which
 * shows what was asked, the plan, the approvers and the timeline, and offers them no action.
 */
@TollgateAppTest
class ChangeTimelineBrowserIT {

    @LocalServerPort int port;
    @Autowired ServiceTreeView tree;
    @Autowired ServiceTreeChangeRequests requests;
    ChromeDriver browser;

    @BeforeEach
    void treeLoaded() throws InterruptedException {
        assertThat(tree.awaitLoaded(Duration.ofSeconds(30))).isTrue();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theChangePageShowsItsTimeline() throws Exception {
        String changeId = io.tollgate.ChangeTimelineIT.requestedApprovedAndApplied(new Http(port), tree, requests);

        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, port, "engineer", "engineer-demo");
        browser.get("http://localhost:" + port + "/service-tree/approvals/" + changeId);

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("change-timeline"),
                "Timeline of change " + changeId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("change-timeline"),
                "tree-change.applied"));
        String shown = browser.findElement(By.id("change-timeline")).getText();
        assertThat(shown).contains("tree-change.requested", "tree-change.approved", "sre",
                "Approve the change as an owner");
        Chromium.screenshot(browser, "service-tree-change-timeline");
    }

    @Test
    void anAuditorFollowsAHistoryEntryToTheChangesPageWhichOffersThemNoAction() throws Exception {
        String changeId = io.tollgate.ChangeTimelineIT.request(new Http(port), tree); // waits for an SRE

        browser = Chromium.start();
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        browser.get("http://localhost:" + port + "/history");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#trail-subject input"))).sendKeys(changeId);
        browser.findElement(By.id("trail-search")).click();
        WebElement requested = wait.until(d -> d.findElements(By.cssSelector("#trail-entries vaadin-grid-cell-content"))
                .stream().filter(c -> c.getText().equals("tree-change.requested")).findFirst().orElse(null));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", requested);
        requested.click();
        WebElement link = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trail-entry-link")));
        assertThat(link.getText()).isEqualTo("Open change " + changeId);
        link.click();

        wait.until(ExpectedConditions.urlContains("/service-tree/changes/" + changeId));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("trail-entry-payload"))); // nothing over it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("change-timeline"),
                "Timeline of change " + changeId));
        assertThat(browser.findElement(By.id("tree-change-heading")).getText())
                .contains("/online/loki/api/sh", changeId);
        assertThat(browser.findElement(By.id("tree-change-status")).getText()).isEqualTo("Awaiting approval");
        assertThat(browser.findElement(By.id("tree-change-approvers")).getText()).contains("group:sre");
        assertThat(browser.findElement(By.id("tree-change-plan")).getText()).contains("timeline");
        assertThat(browser.findElement(By.id("tree-change-events")).getText()).contains("engineer");
        assertThat(browser.findElement(By.id("change-timeline")).getText()).contains("tree-change.requested",
                "still open");
        // nothing to act with: no decision, withdrawal or re-validation, and no way to the approvals page
        assertThat(browser.findElements(By.cssSelector("vaadin-button")).stream().map(WebElement::getText)
                .filter(t -> t.matches("(?i).*(approve|reject|withdraw|re-validate|apply).*")).toList()).isEmpty();
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#tree-change-decide:not([hidden])"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a[href*='service-tree/approvals']"))).isEmpty();
        Chromium.screenshot(browser, "service-tree-change-auditor");
    }
}
