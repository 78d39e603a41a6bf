package io.tollgate.ui.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.discussion.Discussions;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
 * A ticket's discussion in a real browser: the submitter types a comment and sends it and sees it in the thread with
 * their name and "just now"; a reviewer opening the ticket sees it and answers; a blank comment is refused on the box;
 * a comment made elsewhere appears on the open page without a reload.
 */
@TollgateAppTest
class TicketDiscussionBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_discussion_page_");

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    @Autowired Discussions discussions;
    ChromeDriver browser;
    String ticketId;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (ticketId != null) {
            try {
                tickets.withdraw(ticketId, "engineer");
            } catch (RuntimeException alreadyOver) {
                // nothing waits on anybody
            }
        }
    }

    private WebDriverWait open(String user) {
        if (browser != null) {
            browser.quit();
        }
        browser = Chromium.start();
        browser.manage().window().setSize(new Dimension(1280, 900));
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, port, user, user + "-demo");
        browser.get("http://localhost:" + port + "/tickets/" + ticketId);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#comment-text textarea")));
        return wait;
    }

    private void send(WebDriverWait wait, String text) {
        WebElement box = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#comment-text textarea")));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.sendKeys(text);
        browser.findElement(By.id("comment-send")).click();
    }

    private List<WebElement> comments() {
        return browser.findElements(By.cssSelector("#discussion-thread .discussion-comment"));
    }

    @Test
    void aCommentIsTypedSentSeenAndAnsweredBySomeoneElse() {
        TARGET.register(instances);
        ticketId = tickets.submit("engineer", new TicketDraft("Talk it over", TARGET.instance, TARGET.name,
                "CREATE TABLE dp_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'd';",
                "the discussion page test", ExecutionMode.MANUAL, null)).id();

        WebDriverWait wait = open("engineer");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("discussion-thread"), "No comments yet."));
        // blank: refused on the box, nothing stored
        send(wait, "   ");
        wait.until(d -> "true".equals(d.findElement(By.id("comment-text")).getDomProperty("invalid")));
        assertThat(browser.findElement(By.id("comment-text")).getText()).contains("must not be empty");
        assertThat(discussions.onTicket("engineer", ticketId)).isEmpty();
        browser.findElement(By.cssSelector("#comment-text textarea")).clear();

        send(wait, "Can this go in tonight?");
        wait.until(d -> comments().size() == 1);
        WebElement mine = comments().get(0);
        assertThat(mine.findElement(By.className("discussion-author")).getText()).isEqualTo("engineer");
        assertThat(mine.findElement(By.className("discussion-text")).getText()).isEqualTo("Can this go in tonight?");
        WebElement when = mine.findElement(By.className("discussion-time"));
        assertThat(when.getText()).isEqualTo("just now");
        assertThat(when.getDomAttribute("title")).as("the exact time on hover").matches(
                "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} [+-]\\d{2}:\\d{2}");
        assertThat(browser.findElement(By.cssSelector("#comment-text textarea")).getDomProperty("value")).isEmpty();

        // a second person opens the ticket: the comment is there; their answer comes last
        wait = open("reviewer");
        wait.until(d -> comments().size() == 1);
        assertThat(comments().get(0).getText()).contains("engineer").contains("Can this go in tonight?");
        send(wait, "Yes, after 22:00.");
        wait.until(d -> comments().size() == 2);
        assertThat(comments().get(1).findElement(By.className("discussion-author")).getText()).isEqualTo("reviewer");
        assertThat(comments().get(1).findElement(By.className("discussion-text")).getText())
                .isEqualTo("Yes, after 22:00.");
        assertThat(discussions.onTicket("auditor", ticketId)).extracting(c -> c.author())
                .containsExactly("engineer", "reviewer");

        // a comment made elsewhere (another page, the REST API, another node) reaches the open page by push
        discussions.commentOnTicket("engineer", ticketId, "Thanks, tonight then.");
        wait.until(d -> comments().size() == 3);
        assertThat(comments().get(2).findElement(By.className("discussion-text")).getText())
                .isEqualTo("Thanks, tonight then.");
    }
}
