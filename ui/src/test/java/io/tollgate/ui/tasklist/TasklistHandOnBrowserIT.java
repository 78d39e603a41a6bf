package io.tollgate.ui.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tasklist's "Hand on…" dialog in a real browser: the reviewer who claimed an approval opens it and is offered only
 * people the task is offered to (reviewers), never the ticket's submitter (a reviewer too) nor themselves; they hand
 * it to another reviewer, who then finds it in their tasklist as theirs.
 */
@TollgateAppTest
class TasklistHandOnBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_hand_on_");
    private static final List<String> REVIEWERS = List.of(Role.REVIEWER.groupId());

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    @Autowired Tasklist tasklist;
    @Autowired Accounts accounts;
    ChromeDriver browser;
    WebDriverWait wait;
    String ticketId;
    String submitter;

    @org.junit.jupiter.api.BeforeAll
    static void table() throws java.sql.SQLException {
        TARGET.sql("CREATE TABLE `stock` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='stock'");
        TARGET.sql("INSERT INTO `stock` VALUES (1, 10), (2, 20)");
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ticketId != null) {
            try {
                tickets.withdraw(ticketId, submitter);
            } catch (RuntimeException alreadyOver) {
                // nothing waits on anybody
            }
        }
    }

    private void signIn(String user, String password) {
        if (browser != null) {
            browser.quit();
        }
        browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
        wait.ignoring(StaleElementReferenceException.class); // the list redraws by push
        Chromium.signIn(browser, port, user, password);
        browser.get("http://localhost:" + port + "/tasks");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-grid")));
    }

    @Test
    void theClaimantHandsAnApprovalToAnotherReviewerNeverToTheSubmitter() {
        String unique = Long.toString(System.nanoTime(), 36);
        // the submitter is a reviewer too: the approval is offered to their group, but never to them
        submitter = "subrev" + unique;
        String other = "rev" + unique;
        accounts.createLocal(submitter, "submitter-pass-1", "Submitting Reviewer", submitter + "@tollgate.local",
                Set.of(Role.ENGINEER, Role.REVIEWER), false);
        accounts.createLocal(other, "other-pass-1", "Other Reviewer", other + "@tollgate.local",
                Set.of(Role.REVIEWER), false);
        TARGET.register(instances);
        ticketId = tickets.submit(submitter, new TicketDraft("Hand me on " + unique, TARGET.instance, TARGET.name,
                "UPDATE `stock` SET qty = qty + 1 WHERE id = 1;", "the hand-on test",
                ExecutionMode.MANUAL, null)).id();
        String taskId = await().atMost(Duration.ofSeconds(180)).until(() -> tasklist.tasksFor("reviewer", REVIEWERS)
                .stream().filter(t -> ticketId.equals(t.businessKey())).map(TaskSummary::id).findFirst()
                .orElse(null), id -> id != null);

        signIn("reviewer", "reviewer-demo");
        By claim = By.id("task-claim-" + taskId);
        wait.until(ExpectedConditions.elementToBeClickable(claim)).click();
        By handOn = By.id("task-hand-on-" + taskId);
        // the dialog offers the people the task is offered to: reviewers, but neither the submitter nor the claimant;
        // a click that lands while the list redraws by push (the claim's own change) is lost, so it is given again
        WebElement person = wait.until(d -> {
            List<WebElement> open = d.findElements(By.id("hand-on-person"));
            if (!open.isEmpty() && open.get(0).isDisplayed() && open.get(0).isEnabled()) {
                return open.get(0);
            }
            try {
                d.findElement(handOn).click();
            } catch (org.openqa.selenium.WebDriverException redrawnOrCovered) {
                // found again on the next poll
            }
            return null;
        });
        person.findElement(By.cssSelector("input")).click();
        List<String> offered = wait.until(d -> {
            List<String> names = d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                    .map(WebElement::getText).filter(t -> !t.isBlank()).toList();
            return names.contains(other) ? names : null;
        });
        assertThat(offered).doesNotContain(submitter, "reviewer");
        assertThat(offered).allSatisfy(name -> assertThat(accounts.find(name).orElseThrow().roles())
                .as(name + " may approve").contains(Role.REVIEWER));
        assertThat(offered).as("what the tasklist says may take it").containsExactlyInAnyOrderElementsOf(
                tasklist.reassignableTo(taskId, "reviewer", REVIEWERS));

        wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(e -> other.equals(e.getText())).findFirst().orElse(null)).click();
        // the combo box's value is an item key; the chosen name shows in its input
        wait.until(d -> other.equals(d.findElement(By.cssSelector("#hand-on-person input")).getDomProperty("value")));
        browser.findElement(By.id("hand-on-confirm")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("hand-on-confirm")));
        // the claimant's list no longer offers them the task's Unclaim
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-unclaim-" + taskId)));
        assertThat(tasklist.tasksFor(other, REVIEWERS)).filteredOn(t -> t.id().equals(taskId)).singleElement()
                .extracting(TaskSummary::assignee).isEqualTo(other);

        // the other reviewer finds it as theirs: Unclaim (and Hand on), no Claim
        signIn(other, "other-pass-1");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("task-unclaim-" + taskId)));
        assertThat(browser.findElements(By.id("task-claim-" + taskId))).isEmpty();
        assertThat(browser.findElements(By.id("task-hand-on-" + taskId))).isNotEmpty();
    }
}
