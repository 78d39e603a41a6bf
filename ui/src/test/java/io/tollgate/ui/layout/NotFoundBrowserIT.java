package io.tollgate.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.TollgateAppTest;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A forbidden or unknown address shows one page inside the layout (menu, a way back, the person's areas), never
 * Vaadin's bare "Could not navigate"; and the auditor is not offered a button to a page they may not open.
 */
@TollgateAppTest
class NotFoundBrowserIT {

    @LocalServerPort int port;
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
            browser.quit();
        }
    }

    @Test
    void forbiddenAndUnknownAddressesShowOnePageInsideTheLayout() {
        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        for (String path : new String[] {"service-tree/approvals", "instances", "no/such/page"}) {
            browser.get("http://localhost:" + port + "/" + path);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("not-found-explanation")));
            assertThat(browser.findElement(By.id("not-found-explanation")).getText())
                    .contains("'/" + path + "'").contains("Auditor");
            assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain("Could not navigate");
            assertThat(browser.findElements(By.id("main-nav"))).as("the menu is there").hasSize(1);
            assertThat(browser.findElement(By.id("not-found-ways")).getText()).contains("Back", "Tickets", "History")
                    .doesNotContain("Instances");
        }
        Chromium.screenshot(browser, "not-found");
        // a way back: the areas the auditor does use
        browser.findElement(By.linkText("Tickets")).click();
        wait.until(ExpectedConditions.urlMatches(".*/tickets$"));

        browser.get("http://localhost:" + port + "/service-tree");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("node-details")));
        assertThat(browser.findElements(By.id("open-approvals"))).as("auditors decide nothing: no button to it")
                .allMatch(e -> !e.isDisplayed());
    }
}
