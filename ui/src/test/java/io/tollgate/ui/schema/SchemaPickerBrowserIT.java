package io.tollgate.ui.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * The database picker and the table panel in a real browser: the self-check and the new-ticket form offer the
 * instance's databases, the table panel shows a table's columns and indexes, and an instance that cannot be read still
 * lets the person type the database, with a note saying why there is no list.
 */
@TollgateAppTest
class SchemaPickerBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_picker_");

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    ChromeDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void tables() throws Exception {
        TARGET.sql("CREATE TABLE articles (id BIGINT NOT NULL AUTO_INCREMENT, author VARCHAR(64) NOT NULL"
                + " COMMENT 'who wrote it', title VARCHAR(255) NOT NULL, created_at DATETIME NULL, PRIMARY KEY (id),"
                + " KEY idx_author_created (author, created_at), KEY idx_title (title(20)))");
    }

    @BeforeEach
    void startBrowser() {
        TARGET.register(instances);
        if (instances.find("picker-unreachable").isEmpty()) {
            instances.register(new InstanceForm("picker-unreachable", "127.0.0.1", 1, "nobody", "pw", Environment.DEV,
                    false, Role.REVIEWER.groupId()), "admin");
        }
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Chromium.PATIENCE);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            Chromium.screenshot(browser, "schema-picker-last");
            browser.quit();
        }
    }

    @Test
    void theSelfCheckOffersTheDatabasesAndShowsATablesColumnsAndIndexes() {
        Chromium.signIn(browser, port, "engineer", "engineer-demo");
        browser.get("http://localhost:" + port + "/self-check");
        pick("#instance", TARGET.instance);
        pick("#database", TARGET.name);
        assertThat(value("#database")).isEqualTo(TARGET.name);

        browser.findElement(By.id("schema-tables")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schema-note"), "1 tables and views"));
        pick("#schema-table", "articles");
        List<String> columns = cells("schema-columns", "who wrote it");
        assertThat(columns).contains("author", "varchar(64)", "who wrote it", "PRI", "created_at");
        List<String> indexes = cells("schema-indexes", "title(20)");
        assertThat(indexes).contains("PRIMARY", "idx_author_created", "author, created_at", "idx_title", "title(20)");
        Chromium.screenshot(browser, "self-check-tables");
    }

    @Test
    void theNewTicketFormOffersTheDatabasesAndStillTakesATypedOneWhenTheInstanceCannotBeRead() {
        Chromium.signIn(browser, port, "engineer", "engineer-demo");
        browser.get("http://localhost:" + port + "/tickets/new");
        pick("#ticket-instance", TARGET.instance);
        assertThat(offered("#ticket-database", TARGET.name)).containsExactly(TARGET.name);

        browser.get("http://localhost:" + port + "/tickets/new");
        pick("#ticket-instance", "picker-unreachable");
        wait.until(d -> helper("#ticket-database").startsWith("Databases could not be listed (Instance"
                + " 'picker-unreachable' cannot be read now"));
        WebElement database = browser.findElement(By.cssSelector("#ticket-database input"));
        database.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "typed_db",
                org.openqa.selenium.Keys.ENTER);
        browser.findElement(By.cssSelector("#ticket-title input")).click();
        wait.until(d -> "typed_db".equals(value("#ticket-database")));
    }

    /** Types {@code text} into a combo box and clicks the item whose label starts with it. */
    private void pick(String combo, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(combo + " input")));
        input.sendKeys(text);
        WebElement item = wait.until(d -> d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                .filter(i -> i.isDisplayed() && i.getText().startsWith(text)).findFirst().orElse(null));
        item.click();
        wait.until(d -> String.valueOf(input.getDomProperty("value")).startsWith(text));
    }

    /** The labels a combo box offers for what was typed. */
    private List<String> offered(String combo, String typed) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(combo + " input")));
        input.sendKeys(typed);
        return wait.until(d -> {
            List<String> items = d.findElements(By.cssSelector("vaadin-combo-box-item")).stream()
                    .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
            return items.isEmpty() ? null : items;
        });
    }

    private String value(String combo) {
        return String.valueOf(browser.findElement(By.cssSelector(combo + " input")).getDomProperty("value"));
    }

    private String helper(String field) {
        List<WebElement> helpers = browser.findElements(By.cssSelector(field + " [slot='helper']"));
        return helpers.isEmpty() ? "" : String.valueOf(helpers.get(0).getDomProperty("textContent"));
    }

    /** The texts of a grid's cells, once one of them is {@code expected}. */
    private List<String> cells(String grid, String expected) {
        return wait.until(d -> {
            List<String> texts = d.findElements(By.cssSelector("#" + grid + " vaadin-grid-cell-content")).stream()
                    .map(c -> String.valueOf(c.getDomProperty("textContent")).strip()).toList();
            return texts.contains(expected) ? texts : null;
        });
    }
}
