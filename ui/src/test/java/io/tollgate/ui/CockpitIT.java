package io.tollgate.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.tollgate.Http;
import io.tollgate.TargetDatabase;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.Tickets;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Cockpit, signed in through Tollgate's login as an auditor, after a few hundred tickets went through the engine: the
 * dashboard shows the running instances and the deployed processes, the processes list shows the ticket process, and
 * a ticket's process instance opens with its diagram. Before the fix, Cockpit's own plugin script answered 404 when
 * Tollgate ran from its extracted jar and the page stayed a spinner.
 */
@TollgateAppTest
class CockpitIT {

    /** Finished tickets seeded into the engine's history (the by-hand measurement used thousands). */
    static final int FINISHED = 150;
    static final Pattern RUNNING = Pattern.compile("Running Process Instances\\s+[1-9]");
    static final Pattern DEFINITIONS = Pattern.compile("Process Definitions\\s+[1-9]");

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_cockpit_");

    @LocalServerPort int port;
    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired HistoryService history;
    @Autowired RuntimeService runtime;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        TARGET.register(instances);
        browser = Chromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String submit(int n) {
        return tickets.submit("engineer", new TicketDraft("cockpit " + n, TARGET.instance, TARGET.name,
                "CREATE TABLE c_" + n + "_" + System.nanoTime() + " (id INT PRIMARY KEY COMMENT 'id') COMMENT 'c';",
                "the Cockpit test", ExecutionMode.MANUAL, null)).id();
    }

    private TicketStatus status(String id) {
        return tickets.find(id).orElseThrow().status();
    }

    @Test
    void anAuditorSeesTheDashboardAndATicketsProcessInstanceAfterHundredsOfTickets() throws Exception {
        List<String> seeded = new ArrayList<>();
        for (int i = 0; i < FINISHED; i++) {
            seeded.add(submit(i));
        }
        String open = submit(FINISHED);
        Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() ->
                seeded.stream().noneMatch(id -> status(id) == TicketStatus.REVIEWING)
                        && status(open) != TicketStatus.REVIEWING);
        for (String id : seeded) {
            tickets.withdraw(id, "engineer");
        }
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
                history.createHistoricProcessInstanceQuery().processInstanceBusinessKeyIn(seeded.toArray(String[]::new))
                        .finished().count() == FINISHED);
        String instanceId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(open).singleResult()
                .getProcessInstanceId();

        // the script that holds Cockpit's dashboard, processes and incidents views is served
        HttpResponse<String> plugin = new Http(port).get(
                "/camunda/api/cockpit/plugin/cockpitPlugins/static/app/plugin.js", "auditor", "auditor-demo");
        assertThat(plugin.statusCode()).isEqualTo(200);
        assertThat(plugin.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .contains("javascript"));

        Chromium.signIn(browser, port, "auditor", "auditor-demo");
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        long start = System.nanoTime();
        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/dashboard");
        // the counts start at 0 and are filled in once Cockpit's queries answer
        String dashboard = wait.until(d -> {
            String text = d.findElement(By.tagName("body")).getText();
            return RUNNING.matcher(text).find() && DEFINITIONS.matcher(text).find() ? text : null;
        });
        System.out.printf("Cockpit's dashboard showed its counts after %d ms with %d finished tickets%n",
                (System.nanoTime() - start) / 1_000_000, FINISHED);
        assertThat(dashboard).contains("Open Incidents").doesNotContain("Forbidden");
        Chromium.screenshot(browser, "cockpit-dashboard");

        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/processes");
        wait.until(d -> d.findElement(By.tagName("body")).getText().contains("SQL ticket"));

        browser.get("http://localhost:" + port + "/camunda/app/cockpit/default/#/process-instance/" + instanceId
                + "/runtime");
        wait.until(d -> !d.findElements(By.cssSelector(".djs-container svg")).isEmpty()
                && d.findElement(By.tagName("body")).getText().contains(instanceId));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("SQL ticket");
        Chromium.screenshot(browser, "cockpit-ticket-instance");
        tickets.withdraw(open, "engineer");
    }
}
