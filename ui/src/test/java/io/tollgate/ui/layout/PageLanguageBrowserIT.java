package io.tollgate.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterEach;
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
 * A person whose browser asks for Chinese sees the Chinese labels of statuses and other values on the pages (never an
 * enum's name), and anyone can switch the language in the user menu for the rest of the session.
 */
@TollgateAppTest
class PageLanguageBrowserIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_lang_");
    private static final Labels ZH = Labels.in("zh");
    private static final Labels EN = Labels.in("en");

    @LocalServerPort int port;
    @Autowired TargetInstances instances;
    @Autowired Tickets tickets;
    ChromeDriver browser;

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            Chromium.screenshot(browser, "page-language-last");
            browser.quit();
        }
    }

    @Autowired com.vaadin.flow.i18n.I18NProvider translations;

    @Test
    void vaadinIsToldTheLanguagesAndTranslatesLabelKeys() {
        assertThat(translations.getProvidedLocales()).extracting(java.util.Locale::getLanguage)
                .containsExactly("en", "zh");
        assertThat(translations.getTranslation("TicketStatus.AWAITING_APPROVAL", java.util.Locale.SIMPLIFIED_CHINESE))
                .isEqualTo(ZH.of(TicketStatus.AWAITING_APPROVAL));
        assertThat(translations.getTranslation("TicketStatus.AWAITING_APPROVAL", java.util.Locale.US))
                .isEqualTo(EN.of(TicketStatus.AWAITING_APPROVAL));
    }

    private String awaitingTicket() throws Exception {
        TARGET.register(instances);
        String table = TARGET.fruitTable();
        String id = tickets.submit("engineer", new TicketDraft("Sell a plum", TARGET.instance, TARGET.name,
                "UPDATE `" + table + "` SET qty = qty - 1 WHERE id = 3;", "a customer", ExecutionMode.MANUAL, null))
                .id();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                tickets.find(id).orElseThrow().status() == TicketStatus.AWAITING_APPROVAL);
        return id;
    }

    @Test
    void aChineseBrowserSeesChineseStatusLabelsAndNoEnumNames() throws Exception {
        String id = awaitingTicket();
        browser = Chromium.start("zh-CN");
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, port, "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + port + "/tickets/" + id);
        String awaiting = ZH.of(TicketStatus.AWAITING_APPROVAL);
        assertThat(awaiting).isNotEqualTo(EN.of(TicketStatus.AWAITING_APPROVAL));
        wait.until(d -> text(d.findElements(By.id("ticket-badges"))).contains(awaiting));
        assertThat(text(browser.findElements(By.id("ticket-badges"))))
                .doesNotContain(EN.of(TicketStatus.AWAITING_APPROVAL));
        // what the page words itself (the trail and timeline show recorded sentences, kept as they were written)
        assertThat(enumNamesIn(visibleText(browser, "ticket-heading", "ticket-badges", "ticket-facts",
                "ticket-waiting-for", "ticket-findings", "ticket-actions", "decision"))).isEmpty();
        Chromium.screenshot(browser, "ticket-zh");

        browser.get("http://localhost:" + port + "/tickets");
        wait.until(d -> text(d.findElements(By.tagName("body"))).contains(awaiting));
        assertThat(enumNamesIn(visibleText(browser, "ticket-grid", "ticket-filter-panel"))).isEmpty();
    }

    @Test
    void theUserMenuSwitchesTheLanguageForTheSession() throws Exception {
        String id = awaitingTicket();
        browser = Chromium.start("en-US");
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, port, "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + port + "/tickets/" + id);
        wait.until(d -> text(d.findElements(By.id("ticket-badges"))).contains(EN.of(TicketStatus.AWAITING_APPROVAL)));

        Chromium.choose(browser, "page-language", "中文");
        wait.until(d -> text(d.findElements(By.id("ticket-badges"))).contains(ZH.of(TicketStatus.AWAITING_APPROVAL)));
        // remembered for the session: another page, opened afresh, is in Chinese too
        browser.get("http://localhost:" + port + "/tickets");
        wait.until(d -> text(d.findElements(By.tagName("body"))).contains(ZH.of(TicketStatus.AWAITING_APPROVAL)));
    }

    /** The first element's text; "" while there is none, or while the page is being reloaded under it. */
    private static String text(List<WebElement> elements) {
        try {
            return elements.isEmpty() ? "" : String.valueOf(elements.get(0).getDomProperty("textContent"));
        } catch (org.openqa.selenium.StaleElementReferenceException reloading) {
            return "";
        } catch (org.openqa.selenium.WebDriverException e) {
            // Chromium 156 reports an element the reload removed this way too, not only as stale
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return "";
            }
            throw e;
        }
    }

    /** What the elements with these ids show (not the text of scripts); an id that is not there is left out. */
    private static String visibleText(ChromeDriver browser, String... ids) {
        StringBuilder shown = new StringBuilder();
        for (String id : ids) {
            browser.findElements(By.id(id)).forEach(e -> shown.append(e.getDomProperty("innerText")).append('\n'));
        }
        assertThat(shown.toString()).as("the page shows something").isNotBlank();
        return shown.toString();
    }

    /** Names of the constants of the enums people see that occur as words in {@code text}. */
    static List<String> enumNamesIn(String text) {
        List<String> found = new ArrayList<>();
        for (Class<? extends Enum<?>> type : Labels.ENUMS) {
            for (Enum<?> constant : type.getEnumConstants()) {
                String name = constant.name();
                if (name.length() > 3 && Pattern.compile("\\b" + name + "\\b").matcher(text).find()) {
                    found.add(type.getSimpleName() + "." + name);
                }
            }
        }
        return found;
    }
}
