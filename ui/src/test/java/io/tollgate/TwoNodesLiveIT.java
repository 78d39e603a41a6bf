package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.ui.Chromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 16: every screen stays live across nodes, and a dead node is recovered by the living. Separate Tollgate JVMs
 * on one MariaDB database and one ZooKeeper: node A serves the browser and runs no jobs, node B's job executor does
 * the work. A Chromium tasklist on A shows an approval task that B's job executor created, and a ticket page open on
 * A follows the approval and execution done through B, both without a reload (a marker set in the page survives) and
 * with the safety-net sweep five minutes away, so only the cluster's push can be in time. Then a third node C joins,
 * the node running a large ticket's execution is killed with {@code kill -9}, and the other finishes it: every
 * statement once, the trail naming the node that stopped and the node that resumed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesLiveIT {

    private static final Duration LIVE_WITHIN = Duration.ofSeconds(10);
    private static final Duration MOVES_WITHIN = Duration.ofMinutes(3);
    private static final Duration RESUMED_WITHIN = Duration.ofMinutes(2);
    private static final int STATEMENTS = 6_000;
    private static final String MARKER = "window.tollgateNotReloaded";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TargetDatabase target = new TargetDatabase("live_");

    private ChildNodes nodes;
    private ChildNodes.Node nodeA;
    private ChildNodes.Node nodeB;
    private Http a;
    private Http b;
    private final java.util.List<ChromeDriver> browsers = new java.util.ArrayList<>();
    private String ticketId;

    @BeforeAll
    void twoNodes() throws Exception {
        nodes = new ChildNodes(target, "--tollgate.cluster.safety-sweep=5m");
        nodeA = nodes.start("a", "--camunda.bpm.job-execution.enabled=false");
        nodeB = nodes.start("b", "--camunda.bpm.job-execution.max-wait=2000");
        a = nodeA.http();
        b = nodeB.http();
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (ChromeDriver browser : browsers) {
            browser.quit();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    @Order(1)
    void aTasklistOnNodeAShowsATaskCreatedOnNodeBWithoutReload() throws Exception {
        ChromeDriver browser = browser();
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, nodeA.port(), "reviewer", "reviewer-demo");
        browser.get("http://localhost:" + nodeA.port() + "/tasks");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-grid")));
        browser.executeScript(MARKER + " = true;");

        String table = target.fruitTable();
        // submitted on B; B's job executor (the only one) reviews it and creates the approval task on B
        ticketId = submit(b, "Two nodes, live", "UPDATE `" + table + "` SET qty = 12 WHERE id = 1;");
        String taskId = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> reviewerTask(b, ticketId), Optional::isPresent).orElseThrow();
        long created = System.currentTimeMillis();

        new WebDriverWait(browser, LIVE_WITHIN).until(
                ExpectedConditions.presenceOfElementLocated(By.id("task-claim-" + taskId)));
        long shown = System.currentTimeMillis();
        assertThat((Boolean) browser.executeScript("return " + MARKER + " === true;")).as("not reloaded").isTrue();
        System.out.printf("two nodes live IT: the task B created was on A's tasklist %d ms after B's REST API"
                + " listed it%n", shown - created);
    }

    @Test
    @Order(2)
    void aTicketPageOnNodeAFollowsTheApprovalAndExecutionDoneThroughNodeB() throws Exception {
        assertThat(ticketId).as("the first test's ticket").isNotNull();
        ChromeDriver browser = browser();
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, nodeA.port(), "engineer", "engineer-demo");
        browser.get("http://localhost:" + nodeA.port() + "/tickets/" + ticketId);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-heading"), ticketId));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-badges"), "Awaiting approval"));
        browser.executeScript(MARKER + " = true;");

        String taskId = reviewerTask(b, ticketId).orElseThrow();
        assertThat(b.postJson("/api/v1/tasks/" + taskId + "/decision", "reviewer", "reviewer-demo",
                "{\"approve\": true, \"comment\": \"ok from node B\"}").statusCode()).isEqualTo(204);
        // B's job executor runs it: EXECUTED in the shared database
        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> status(b, ticketId).equals("EXECUTED"));
        long executed = System.currentTimeMillis();

        new WebDriverWait(browser, LIVE_WITHIN).until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("ticket-badges"), "Executed"));
        long shown = System.currentTimeMillis();
        assertThat(browser.findElement(By.id("ticket-trail")).getText()).contains("ok from node B");
        assertThat((Boolean) browser.executeScript("return " + MARKER + " === true;")).as("not reloaded").isTrue();
        System.out.printf("two nodes live IT: the ticket page on A showed EXECUTED %d ms after B's REST API did%n",
                shown - executed);
    }

    @Test
    @Order(3)
    void theNodeRunningALargeTicketIsKilledAndTheOtherFinishesItEachStatementOnce() throws Exception {
        ChildNodes.Node nodeC = nodes.start("c", "--camunda.bpm.job-execution.max-wait=2000");
        target.sql("CREATE TABLE counter (id INT NOT NULL PRIMARY KEY COMMENT 'id', n INT NOT NULL COMMENT 'n')"
                + " ENGINE=InnoDB COMMENT='counters'");
        target.sql("INSERT INTO counter (id, n) SELECT seq, 0 FROM seq_1_to_" + STATEMENTS);
        String sql = IntStream.rangeClosed(1, STATEMENTS)
                .mapToObj(i -> "UPDATE counter SET n = n + 1 WHERE id = " + i + ";").collect(Collectors.joining("\n"));
        String big = submit(a, "Count every row once, on two nodes", sql);
        approveAll(b, big);

        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> done(big) >= 300);
        String owner = lockOwner(big).orElseThrow();
        ChildNodes.Node running = owner.endsWith(nodeB.lockOwnerSuffix()) ? nodeB : nodeC;
        ChildNodes.Node living = running == nodeB ? nodeC : nodeB;
        assertThat(owner).as("one of the two job executors runs it").endsWith(running.lockOwnerSuffix());
        ChildNodes.kill(running);
        Instant killed = Instant.now();
        int doneAtKill = done(big);
        assertThat(doneAtKill).as("statements done when the node died").isLessThan(STATEMENTS);

        JsonNode resumed = await().atMost(RESUMED_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> event(a, big, "EXECUTION_RESUMED"), Optional::isPresent).orElseThrow();
        JsonNode executed = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> ticket(a, big), t -> t.get("status").asText().equals("EXECUTED"));
        System.out.printf("two nodes live IT: %d of %d done when %s was killed; %s resumed it %s after the kill%n",
                doneAtKill, STATEMENTS, running.name(), living.name(),
                Duration.between(killed, Instant.parse(resumed.get("at").asText())));

        // each statement exactly once: every row at exactly its value, the ledger has each statement once
        assertThat(target.query("SELECT COUNT(*) FROM counter WHERE n = 1")).isEqualTo(String.valueOf(STATEMENTS));
        assertThat(target.query("SELECT COUNT(*) FROM counter WHERE n <> 1")).isEqualTo("0");
        assertThat(target.query("SELECT CONCAT(COUNT(*), '/', COUNT(DISTINCT statement_index), '/', SUM(state = 'DONE'))"
                + " FROM tollgate_meta.tollgate_execution_ledger WHERE ticket_id = '" + big + "' AND phase = 'EXECUTE'"))
                .isEqualTo(STATEMENTS + "/" + STATEMENTS + "/" + STATEMENTS);
        assertThat(executed.get("executionCount").asInt()).isEqualTo(STATEMENTS);
        // the trail names both: the node that stopped, and the node that resumed
        JsonNode interrupted = event(a, big, "EXECUTION_INTERRUPTED").orElseThrow();
        assertThat(interrupted.get("detail").asText()).contains("(node " + owner + " stopped)");
        String host = owner.substring(0, owner.lastIndexOf('/'));
        assertThat(resumed.get("detail").asText()).endsWith("(on node " + host + living.lockOwnerSuffix() + ")");
        assertThat(events(executed, "EXECUTION_INTERRUPTED")).isEqualTo(1);
        assertThat(events(executed, "EXECUTION_RESUMED")).isEqualTo(1);
    }

    private ChromeDriver browser() {
        ChromeDriver browser = Chromium.start();
        browsers.add(browser);
        return browser;
    }

    private String submit(Http http, String title, String sql) throws Exception {
        return JSON.readTree(http.postJson("/api/v1/tickets", "engineer", "engineer-demo",
                JSON.writeValueAsString(Map.of("title", title, "instance", target.instance, "database", target.name,
                        "sql", sql, "reason", "cluster test"))).body()).get("id").asText();
    }

    /** Approves whatever the review asks for (a large script may need a DBA too) until the ticket executes. */
    private static void approveAll(Http http, String id) {
        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (status(http, id).startsWith("EXECUT")) {
                return true;
            }
            for (String[] who : List.of(new String[] {"reviewer", "reviewer-demo"}, new String[] {"dba", "dba-demo"})) {
                for (JsonNode t : JSON.readTree(http.get("/api/v1/tasks", who[0], who[1]).body())) {
                    if (t.get("ticket").get("id").asText().equals(id)) {
                        http.postJson("/api/v1/tasks/" + t.get("taskId").asText() + "/decision", who[0], who[1],
                                "{\"approve\": true, \"comment\": \"ok\"}");
                    }
                }
            }
            return false;
        });
    }

    /** Who holds the lock of the ticket's job now, read from Camunda's table in the shared database. */
    private Optional<String> lockOwner(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(nodes.jdbcUrl(), UniqueMariaDbDatabase.USER,
                UniqueMariaDbDatabase.PASSWORD);
             PreparedStatement s = c.prepareStatement("SELECT j.LOCK_OWNER_ FROM ACT_RU_JOB j JOIN ACT_RU_EXECUTION e"
                     + " ON e.ID_ = j.PROCESS_INSTANCE_ID_ WHERE e.BUSINESS_KEY_ = ? AND j.LOCK_OWNER_ IS NOT NULL")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** DONE statements of the ticket's execution in the ledger on the target, read without Tollgate. */
    private static int done(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + TargetDatabase.SERVER
                        + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", UniqueMariaDbDatabase.USER,
                UniqueMariaDbDatabase.PASSWORD);
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM tollgate_meta.tollgate_execution_ledger"
                     + " WHERE ticket_id = ? AND phase = 'EXECUTE' AND state = 'DONE'")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException noLedgerYet) {
            if (noLedgerYet.getErrorCode() == 1146 || noLedgerYet.getErrorCode() == 1049) {
                return 0;
            }
            throw noLedgerYet;
        }
    }

    private static Optional<String> reviewerTask(Http http, String id) throws Exception {
        for (JsonNode t : JSON.readTree(http.get("/api/v1/tasks", "reviewer", "reviewer-demo").body())) {
            if (t.get("ticket").get("id").asText().equals(id)) {
                return Optional.of(t.get("taskId").asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode ticket(Http http, String id) throws Exception {
        return JSON.readTree(http.get("/api/v1/tickets/" + id, "engineer", "engineer-demo").body());
    }

    private static String status(Http http, String id) throws Exception {
        return ticket(http, id).get("status").asText();
    }

    private static Optional<JsonNode> event(Http http, String id, String type) throws Exception {
        for (JsonNode e : ticket(http, id).get("trail")) {
            if (e.get("type").asText().equals(type)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private static long events(JsonNode ticket, String type) {
        long n = 0;
        for (JsonNode e : ticket.get("trail")) {
            n += e.get("type").asText().equals(type) ? 1 : 0;
        }
        return n;
    }
}
