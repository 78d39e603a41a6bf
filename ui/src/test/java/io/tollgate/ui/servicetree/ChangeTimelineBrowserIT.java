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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A change's page ({@code service-tree/approvals/<changeId>}) in Debian's Chromium shows its timeline (issue 14): the
 * requester opens their applied change and reads who requested, approved and applied it, and the engine's task.
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
}
