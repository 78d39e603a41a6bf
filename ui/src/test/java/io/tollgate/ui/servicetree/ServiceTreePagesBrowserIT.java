package io.tollgate.ui.servicetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.tollgate.TollgateAppTest;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
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
 * The tree pages in Debian's Chromium (issue 15): a click on a node's name selects it without expanding it, and a
 * link to {@code service-tree/approvals/<changeId>} opens that change selected for an approver, and the one
 * not-allowed page inside the layout for an auditor (who decides nothing) instead of a navigation error.
 */
@TollgateAppTest
class ServiceTreePagesBrowserIT {

    @LocalServerPort int port;
    @Autowired ServiceTreeView tree;
    @Autowired ServiceTreeChangeRequests requests;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws InterruptedException {
        assertThat(tree.awaitLoaded(Duration.ofSeconds(30))).isTrue();
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void clickingANodesNameSelectsItAndLeavesItFolded() {
        Chromium.signIn(browser, port, "sre", "sre-demo");
        browser.get("http://localhost:" + port + "/service-tree");
        WebElement loki = wait.until(d -> d.findElements(By.cssSelector(".tree-node-name")).stream()
                .filter(e -> e.getText().equals("loki")).findFirst().orElse(null));

        loki.click();

        wait.until(ExpectedConditions.textToBe(By.cssSelector("#node-details h3"), "/online/loki"));
        assertThat(browser.findElements(By.cssSelector(".tree-node-name")).stream().map(WebElement::getText))
                .as("loki's children stay folded").doesNotContain("api", "web");
        Chromium.screenshot(browser, "service-tree-node-selected");
    }

    @Test
    void aLinkToAChangeOpensItSelectedOrSaysWhyNot() {
        NodeView sh = tree.search("sh", 20).stream().filter(n -> n.path().equals("/online/loki/api/sh")).findFirst()
                .orElseThrow();
        String changeId = requests.request(new ServiceTreeChange.SetAttributes(
                ServiceTreeChangeRequests.newChange("engineer", "linked from the tasklist"), sh.node().id(),
                Map.of("link", Long.toString(System.nanoTime())))).changeId();

        Chromium.signIn(browser, port, "sre", "sre-demo");
        browser.get("http://localhost:" + port + "/service-tree/approvals/" + changeId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "engineer asks: linked from the tasklist"));
        assertThat(browser.findElement(By.id("approve")).isEnabled()).isTrue();
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("/online/loki/api/sh")
                .doesNotContain("no difference");
        Chromium.screenshot(browser, "service-tree-approval-linked");

        browser.manage().deleteAllCookies();
        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        browser.get("http://localhost:" + port + "/service-tree/approvals/" + changeId);
        // auditors decide nothing: the one not-found / not-allowed page, inside the layout, says so
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found-explanation")));
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Could not navigate");
    }
}
