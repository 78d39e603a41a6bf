package io.tollgate.ui.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tasklist in a real browser on a desktop (1280×800) and a phone (400×800): the reviewer filters to one instance,
 * and Claim and Open of the first task are on screen with no sideways scrolling; Claim works, "Unclaimed" hides the
 * claimed task, sorting oldest first reorders the rows, times read as words with the exact time on hover, and Open
 * lands on the ticket's page.
 */
@TollgateAppTest
class TasklistBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_tasks_browser_");
    private static final List<String> REVIEWERS = List.of(Role.REVIEWER.groupId());

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    @Autowired Tasklist tasklist;
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
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the grid redraws by push
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
            Chromium.screenshot(browser, "tasklist-last");
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280, 800, tasklist-desktop", "400, 800, tasklist-phone"})
    void claimAndOpenAreOnScreenFiltersAndSortWork(int width, int height, String screenshot) {
        // one after the other, so that the newer ticket's approval is created after the older one's
        Map<String, String> taskOf = new java.util.HashMap<>();
        String older = submit("restock 1", "UPDATE `stock` SET qty = qty + 1 WHERE id = 1;");
        awaitApproval(older, taskOf);
        String newer = submit("restock 2", "UPDATE `stock` SET qty = qty + 1 WHERE id = 2;");
        awaitApproval(newer, taskOf);

        browser.manage().window().setSize(new Dimension(width, height));
        Chromium.signIn(browser, port, "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + port + "/tasks");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-grid")));
        boolean phone = width < io.tollgate.ui.layout.Phone.WIDTH;
        if (phone) {
            assertThat(filtersOpen()).as("the filters are folded on a phone").isFalse();
            browser.findElement(By.cssSelector("#task-filter-panel vaadin-details-summary")).click();
            wait.until(d -> filtersOpen());
        }
        choose("task-filter-instance", TARGET.instance);
        // only this instance's two tickets (the reviewer may have others, of other tests)
        wait.until(d -> String.valueOf(d.findElement(By.id("task-shown")).getText())
                .matches("2 (of \\d+ tasks shown|tasks)"));
        if (phone) {
            browser.findElement(By.cssSelector("#task-filter-panel vaadin-details-summary")).click();
            wait.until(d -> !filtersOpen());
        }

        By claim = By.id("task-claim-" + taskOf.get(newer));
        By open = By.id("task-open-" + taskOf.get(newer));
        wait.until(ExpectedConditions.elementToBeClickable(claim));
        assertOnScreen(claim);
        assertOnScreen(open);
        assertThat((Boolean) browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"
                + " && (() => { const t = document.getElementById('task-grid').shadowRoot.querySelector('#table');"
                + " return t.scrollWidth <= t.clientWidth; })()")).as("no sideways scrolling").isTrue();
        WebElement created = browser.findElements(By.cssSelector("#task-grid .task-card span[title]")).stream()
                .filter(e -> e.getText().startsWith("created ")).findFirst().orElseThrow();
        assertThat(created.getText()).matches("created (just now|\\d+ min ago)");
        assertThat(created.getDomAttribute("title")).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d");
        assertThat(browser.findElement(By.id("task-grid")).getText()).doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT");
        Chromium.screenshot(browser, screenshot);

        browser.findElement(claim).click();
        By unclaim = By.id("task-unclaim-" + taskOf.get(newer));
        wait.until(ExpectedConditions.elementToBeClickable(unclaim));
        assertThat(tasklist.tasksFor("reviewer", REVIEWERS)).filteredOn(t -> t.id().equals(taskOf.get(newer)))
                .singleElement().extracting(TaskSummary::assignee).isEqualTo("reviewer");

        // newest first: the newer ticket above the older; oldest first turns them round
        wait.until(d -> y(open) < y(By.id("task-open-" + taskOf.get(older))));
        openFilters(phone);
        choose("task-sort", "Oldest first");
        wait.until(d -> y(open) > y(By.id("task-open-" + taskOf.get(older))));
        // unclaimed only: the task just claimed goes
        // the panel may have folded again: a page the client reloaded (its push connection lost on a busy machine)
        // comes back as a phone's first screen, which a CI run once hit here
        openFilters(phone);
        choose("task-filter-whose", "Unclaimed");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(unclaim));
        assertThat(browser.findElements(By.id("task-claim-" + taskOf.get(older)))).isNotEmpty();
        openFilters(phone);
        choose("task-filter-whose", "Assigned to me");
        wait.until(ExpectedConditions.presenceOfElementLocated(unclaim));
        closeFilters(phone);

        wait.until(ExpectedConditions.elementToBeClickable(open));
        assertOnScreen(open);
        browser.findElement(open).click();
        wait.until(ExpectedConditions.urlMatches(".*/tickets/" + newer + "$"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-heading"), newer));

        // keyboard: a row's cell focused (here by a click on its card, not a button), Enter opens that row's task
        browser.get("http://localhost:" + port + "/tasks");
        By olderCard = By.xpath("//div[contains(@class,'task-card')][.//span[contains(., '" + older + "')]]");
        wait.until(ExpectedConditions.elementToBeClickable(olderCard));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.findElement(olderCard));
        browser.findElement(olderCard).click();
        browser.switchTo().activeElement().sendKeys(org.openqa.selenium.Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches(".*/tickets/" + older + "$"));
    }

    private void awaitApproval(String ticketId, Map<String, String> taskOf) {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            tasklist.tasksFor("reviewer", REVIEWERS).stream()
                    .filter(t -> ticketId.equals(t.businessKey()) && t.assignee() == null)
                    .forEach(t -> taskOf.put(ticketId, t.id()));
            assertThat(taskOf).containsKey(ticketId);
        });
    }

    private boolean filtersOpen() {
        return Boolean.TRUE.equals(browser.executeScript("return document.getElementById('task-filter-panel').opened"));
    }

    private void openFilters(boolean phone) {
        if (phone && !filtersOpen()) {
            browser.findElement(By.cssSelector("#task-filter-panel vaadin-details-summary")).click();
            wait.until(d -> filtersOpen());
        }
    }

    private void closeFilters(boolean phone) {
        if (phone && filtersOpen()) {
            browser.findElement(By.cssSelector("#task-filter-panel vaadin-details-summary")).click();
            wait.until(d -> !filtersOpen());
        }
    }

    /** The element lies wholly inside the window, as it is now (nothing scrolled). */
    private void assertOnScreen(By locator) {
        WebElement element = browser.findElement(locator);
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) browser.executeScript("const r = arguments[0]"
                + ".getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,"
                + " width: window.innerWidth, height: window.innerHeight};", element);
        double left = ((Number) box.get("left")).doubleValue();
        double top = ((Number) box.get("top")).doubleValue();
        double right = ((Number) box.get("right")).doubleValue();
        double bottom = ((Number) box.get("bottom")).doubleValue();
        assertThat(left).as(locator + " left").isGreaterThanOrEqualTo(0);
        assertThat(top).as(locator + " top").isGreaterThanOrEqualTo(0);
        assertThat(right).as(locator + " right").isLessThanOrEqualTo(((Number) box.get("width")).doubleValue());
        assertThat(bottom).as(locator + " bottom").isLessThanOrEqualTo(((Number) box.get("height")).doubleValue());
    }

    private int y(By locator) {
        return browser.findElement(locator).getRect().getY();
    }

    /** Picks an option of a Vaadin select by its words. */
    private void choose(String selectId, String option) {
        Chromium.choose(browser, selectId, option);
    }

    private String submit(String title, String sql) {
        String id = tickets.submit("engineer", new TicketDraft(title + " " + TARGET.name, TARGET.instance,
                TARGET.name, sql, "restock", ExecutionMode.AFTER_APPROVAL, null)).id();
        submitted.add(id);
        return id;
    }
}
