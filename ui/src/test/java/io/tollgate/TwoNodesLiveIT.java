package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.data.Stat;
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
 * statement once, the trail naming the node that stopped and the node that resumed. A service-tree change requested,
 * approved and applied through B shows up on A's approvals page by push. A node D joins; the node applying a change
 * is killed after ZooKeeper took the change and before the database recorded it (the test holds the change's row
 * lock), and the other completes it: the node's znode changed once, the change APPLIED and VERIFIED with the
 * interruption in its trail. Last, the node sending a mail is killed while the SMTP server holds its connection
 * ({@link HeldSmtp}, in front of GreenMail), and a living node sends it once its lease runs out: one copy arrives.
 * Every node sends mail through a port of its own, so the test knows which node was sending.
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
    /** The mail lease the nodes run with here (the default is 1 minute), and how often they look for due mail. */
    private static final Duration MAIL_LEASE = Duration.ofSeconds(20);
    private static final Duration MAIL_DISPATCH = Duration.ofSeconds(2);
    private static final String TREE_ROOT = "/tollgate/service-tree";
    private static final String CHANGES = "/api/v1/service-tree/changes";

    @RegisterExtension
    static final TargetDatabase target = new TargetDatabase("live_");

    private ChildNodes nodes;
    private ChildNodes.Node nodeA;
    private ChildNodes.Node nodeB;
    /** Launched with the third node, ready by the apply test: node starts are the slow part, so they overlap. */
    private ChildNodes.Node nodeD;
    private Http a;
    private Http b;
    private final java.util.List<ChromeDriver> browsers = new java.util.ArrayList<>();
    private String ticketId;
    private GreenMail mailServer;
    private HeldSmtp smtp;
    private final List<ChildNodes.Node> alive = new ArrayList<>();

    @BeforeAll
    void twoNodes() throws Exception {
        int mailPort;
        try (ServerSocket free = new ServerSocket(0)) {
            mailPort = free.getLocalPort();
        }
        mailServer = new GreenMail(new ServerSetup(mailPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        smtp = new HeldSmtp(mailPort);
        nodes = new ChildNodes(target, "--tollgate.cluster.safety-sweep=5m",
                "--tollgate.mail.dispatch-interval=" + MAIL_DISPATCH.toSeconds() + "s",
                "--tollgate.mail.claim-timeout=" + MAIL_LEASE.toSeconds() + "s");
        nodeA = start("a", "--camunda.bpm.job-execution.enabled=false");
        nodeB = start("b", "--camunda.bpm.job-execution.max-wait=2000");
        a = nodeA.http();
        b = nodeB.http();
    }

    /** A node that sends mail through a port of its own on {@link #smtp}. */
    private ChildNodes.Node start(String name, String... more) throws Exception {
        ChildNodes.Node node = launch(name, more);
        ChildNodes.awaitReady(node);
        return node;
    }

    /** {@link #start} without waiting for the node to serve. */
    private ChildNodes.Node launch(String name, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of(more));
        args.add("--tollgate.mail.smtp.host=127.0.0.1");
        args.add("--tollgate.mail.smtp.port=" + smtp.listenFor(name));
        ChildNodes.Node node = nodes.launch(name, args.toArray(String[]::new));
        alive.add(node);
        return node;
    }

    private void kill(ChildNodes.Node node) {
        ChildNodes.kill(node);
        alive.remove(node);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (ChromeDriver browser : browsers) {
            browser.quit();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (smtp != null) {
            smtp.close();
        }
        if (mailServer != null) {
            mailServer.stop();
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
    void aChangePageOnNodeAFollowsAChangeRequestedApprovedAndAppliedThroughNodeB() throws Exception {
        ChromeDriver browser = browser();
        WebDriverWait wait = new WebDriverWait(browser, Chromium.PATIENCE);
        Chromium.signIn(browser, nodeA.port(), "engineer", "engineer-demo");
        browser.get("http://localhost:" + nodeA.port() + "/service-tree/approvals");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("my-changes")));
        browser.executeScript(MARKER + " = true;");

        // requested through B: validated there, its approval task created there
        String changeId = requestChange(b, nodeId(b, "/online/loki/api/sh"), "rack", "two-nodes-" + System.nanoTime());
        new WebDriverWait(browser, LIVE_WITHIN).until(d -> gridText(browser, "my-changes").contains("Awaiting approval")
                && gridText(browser, "my-changes").contains("/online/loki/api/sh"));
        // approved through B; B's job executor (the only one) applies it
        approveChange(b, changeId);
        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100))
                .until(() -> changeStatus(b, changeId).equals("APPLIED"));
        long applied = System.currentTimeMillis();

        new WebDriverWait(browser, LIVE_WITHIN).until(d -> gridText(browser, "my-changes").contains("Applied"));
        long shown = System.currentTimeMillis();
        assertThat((Boolean) browser.executeScript("return " + MARKER + " === true;")).as("not reloaded").isTrue();
        System.out.printf("two nodes live IT: the approvals page on A showed the change APPLIED %d ms after B's REST"
                + " API did%n", shown - applied);
    }

    @Test
    @Order(4)
    void theNodeRunningALargeTicketIsKilledAndTheOtherFinishesItEachStatementOnce() throws Exception {
        for (ChromeDriver browser : browsers) {
            browser.quit(); // the pages' tests are over: their browsers only take the nodes' CPU from here on
        }
        browsers.clear();
        nodeD = launch("d", "--camunda.bpm.job-execution.max-wait=2000");
        start("c", "--camunda.bpm.job-execution.max-wait=2000");
        target.sql("CREATE TABLE counter (id INT NOT NULL PRIMARY KEY COMMENT 'id', n INT NOT NULL COMMENT 'n')"
                + " ENGINE=InnoDB COMMENT='counters'");
        target.sql("INSERT INTO counter (id, n) SELECT seq, 0 FROM seq_1_to_" + STATEMENTS);
        String sql = IntStream.rangeClosed(1, STATEMENTS)
                .mapToObj(i -> "UPDATE counter SET n = n + 1 WHERE id = " + i + ";").collect(Collectors.joining("\n"));
        String big = submit(a, "Count every row once, on two nodes", sql);
        approveAll(b, big);

        await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> done(big) >= 300);
        String owner = lockOwner(big).orElseThrow();
        // B or C (or D, should it be up already) runs it
        ChildNodes.Node running = alive.stream().filter(n -> n != nodeA && owner.endsWith(n.lockOwnerSuffix()))
                .findFirst().orElseThrow(() -> new AssertionError("no job executor of ours holds it: " + owner));
        kill(running);
        Instant killed = Instant.now();
        int doneAtKill = done(big);
        assertThat(doneAtKill).as("statements done when the node died").isLessThan(STATEMENTS);

        JsonNode resumed = await().atMost(RESUMED_WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> event(a, big, "EXECUTION_RESUMED"), Optional::isPresent).orElseThrow();
        JsonNode executed = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> ticket(a, big), t -> t.get("status").asText().equals("EXECUTED"));
        String resumer = resumed.get("detail").asText();
        ChildNodes.Node living = alive.stream().filter(n -> n != nodeA && resumer.endsWith(n.lockOwnerSuffix() + ")"))
                .findFirst().orElseThrow(() -> new AssertionError("not resumed by a living node: " + resumer));
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

    @Test
    @Order(5)
    void theNodeApplyingATreeChangeIsKilledAndAnotherCompletesItTheTreeChangedOnce() throws Exception {
        assertThat(nodeD).as("launched by the large ticket's test").isNotNull();
        for (ChildNodes.Node node : alive) {
            ChildNodes.awaitReady(node); // D, unless D ran the large ticket and was killed
        }
        List<ChildNodes.Node> appliers = alive.stream().filter(n -> n != nodeA).toList();
        assertThat(appliers).as("two nodes with a job executor").hasSize(2);
        long bj = nodeId(a, "/online/loki/api/bj");
        String rack = "applied-once-" + System.nanoTime();
        String znode = TREE_ROOT + "/nodes/" + bj;
        try (CuratorFramework zk = zooKeeper(); Connection db = tollgateDb(); Connection holder = tollgateDb()) {
            int versionBefore = zk.checkExists().forPath(znode).getVersion();
            String changeId = requestChange(a, bj, "rack", rack);
            // new apply jobs are created suspended (Camunda copies the job definition's state), so that the test can
            // take the change's row lock before any node runs the apply
            update(db, "UPDATE ACT_RU_JOBDEF SET SUSPENSION_STATE_ = 2 WHERE ACT_ID_ = 'Task_ApplyChange'");
            String jobId;
            try {
                approveChange(a, changeId);
                jobId = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100))
                        .until(() -> Optional.ofNullable(query(db, "SELECT j.ID_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d"
                                + " ON d.ID_ = j.JOB_DEF_ID_ JOIN ACT_RU_EXECUTION e ON e.ID_ = j.PROCESS_INSTANCE_ID_"
                                + " WHERE d.ACT_ID_ = 'Task_ApplyChange' AND e.BUSINESS_KEY_ = ?", changeId)),
                                Optional::isPresent).orElseThrow();
            } finally {
                update(db, "UPDATE ACT_RU_JOBDEF SET SUSPENSION_STATE_ = 1 WHERE ACT_ID_ = 'Task_ApplyChange'");
            }
            assertThat(query(db, "SELECT SUSPENSION_STATE_ FROM ACT_RU_JOB WHERE ID_ = ?", jobId)).isEqualTo("2");
            holder.setAutoCommit(false);
            assertThat(query(holder, "SELECT status FROM service_tree_change WHERE change_id = ? FOR UPDATE",
                    changeId)).isEqualTo("APPROVED");
            update(db, "UPDATE ACT_RU_JOB SET SUSPENSION_STATE_ = 1 WHERE ID_ = ?", jobId);

            // a node applies the change in ZooKeeper, then waits for the row the test holds to record it
            String marker = TREE_ROOT + "/changes/" + changeId;
            await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(50))
                    .until(() -> zk.checkExists().forPath(marker) != null);
            String owner = query(db, "SELECT LOCK_OWNER_ FROM ACT_RU_JOB WHERE ID_ = ?", jobId);
            ChildNodes.Node applying = appliers.stream().filter(n -> owner.endsWith(n.lockOwnerSuffix())).findFirst()
                    .orElseThrow();
            ChildNodes.Node other = appliers.get(0) == applying ? appliers.get(1) : appliers.get(0);
            assertThat(zk.checkExists().forPath(znode).getVersion()).isEqualTo(versionBefore + 1);
            assertThat(query(db, "SELECT status FROM service_tree_change WHERE change_id = ?", changeId))
                    .as("the database has not recorded the apply").isEqualTo("APPROVED");
            kill(applying);
            Instant killed = Instant.now();
            holder.rollback();

            await().atMost(RESUMED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> changeStatus(a, changeId).equals("APPLIED"));
            Duration toApplied = Duration.between(killed, Instant.now());
            await().atMost(RESUMED_WITHIN).pollInterval(Duration.ofMillis(100))
                    .until(() -> changeEvents(db, changeId).contains("VERIFIED"));
            Duration toVerified = Duration.between(killed, Instant.now());
            System.out.printf("two nodes live IT: %s was killed mid-apply; %s completed it: APPLIED %s and VERIFIED %s"
                    + " after the kill%n", applying.name(), other.name(), toApplied, toVerified);

            // the tree changed once: one more version of the node's znode, with the new attribute
            Stat after = zk.checkExists().forPath(znode);
            assertThat(after.getVersion()).as("the node's znode was written once").isEqualTo(versionBefore + 1);
            assertThat(new String(zk.getData().forPath(znode), StandardCharsets.UTF_8)).contains(rack);
            List<String> events = changeEvents(db, changeId);
            assertThat(events).containsSubsequence("APPROVED", "APPLY_INTERRUPTED", "APPLIED", "VERIFIED")
                    .doesNotContain("CONFLICT", "APPLY_REFUSED");
            assertThat(events.stream().filter("APPLIED"::equals).count()).isEqualTo(1);
            assertThat(events.stream().filter("APPLY_INTERRUPTED"::equals).count()).isEqualTo(1);
            assertThat(events.stream().filter("VERIFIED"::equals).count()).isEqualTo(1);
            assertThat(query(db, "SELECT remark FROM service_tree_change_event WHERE change_id = ? AND event_type"
                    + " = 'APPLY_INTERRUPTED'", changeId)).isEqualTo("(node " + owner + " stopped)");
            assertThat(query(db, "SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ?", changeId))
                    .as("the change's process ended").isEqualTo("0");
        }
    }

    @Test
    @Order(6)
    void theNodeSendingAMailIsKilledAndAnotherSendsItOnce() throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        String messageId = "<" + id + "@tollgate>";
        try (Connection db = tollgateDb()) {
            smtp.holdNext();
            update(db, "INSERT INTO mail_outbox (id, kind, recipient, recipients, language, subject, text_body,"
                    + " html_body, status, attempts, next_attempt_at, created_at, version) VALUES (?, 'TASK_CREATED',"
                    + " 'ops@example.org', 'ops@example.org', 'en', 'Two nodes: sent once', 'once', '<p>once</p>',"
                    + " 'PENDING', 0, '2000-01-01 00:00:00', '2000-01-01 00:00:00', 0)", id);
            String name = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(50))
                    .until(smtp::held, Optional::isPresent).orElseThrow();
            ChildNodes.Node sending = alive.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
            assertThat(query(db, "SELECT status FROM mail_outbox WHERE id = ?", id)).isEqualTo("SENDING");
            assertThat(copies(messageId)).isZero();
            kill(sending);
            Instant killed = Instant.now();

            await().atMost(MAIL_LEASE.plus(MOVES_WITHIN)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "SENT".equals(query(db, "SELECT status FROM mail_outbox WHERE id = ?", id)));
            Duration toSent = Duration.between(killed, Instant.now());
            System.out.printf("two nodes live IT: %s was killed while the SMTP server held its connection; another"
                    + " node sent the mail %s after the kill (lease %s)%n", sending.name(), toSent, MAIL_LEASE);
            assertThat(copies(messageId)).as("the recipient got it once").isEqualTo(1);
            assertThat(query(db, "SELECT attempts FROM mail_outbox WHERE id = ?", id)).isEqualTo("2");
        }
    }

    private long copies(String messageId) throws Exception {
        long n = 0;
        for (MimeMessage message : mailServer.getReceivedMessages()) {
            n += messageId.equals(message.getMessageID()) ? 1 : 0;
        }
        return n;
    }

    private CuratorFramework zooKeeper() throws InterruptedException {
        CuratorFramework zk = CuratorFrameworkFactory.builder().connectString(nodes.zooKeeperConnect())
                .retryPolicy(new RetryOneTime(100))
                .authorization("digest", "tollgate:two-nodes-it".getBytes(StandardCharsets.UTF_8)).build();
        zk.start();
        assertThat(zk.blockUntilConnected(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return zk;
    }

    private Connection tollgateDb() throws SQLException {
        return DriverManager.getConnection(nodes.jdbcUrl(), UniqueMariaDbDatabase.USER,
                UniqueMariaDbDatabase.PASSWORD);
    }

    /** The first column of the first row, or null. */
    private static String query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.executeUpdate();
        }
    }

    private static List<String> changeEvents(Connection c, String changeId) throws SQLException {
        List<String> types = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_type FROM service_tree_change_event"
                + " WHERE change_id = ? ORDER BY id")) {
            s.setString(1, changeId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
        }
        return types;
    }

    private static String gridText(ChromeDriver browser, String id) {
        Object text = browser.executeScript("var g = document.getElementById(arguments[0]);"
                + " return g == null ? '' : g.textContent;", id);
        return text == null ? "" : text.toString();
    }

    private static long nodeId(Http http, String path) throws Exception {
        String name = path.substring(path.lastIndexOf('/') + 1);
        for (JsonNode n : JSON.readTree(http.get("/api/v1/service-tree/nodes?q=" + name, "auditor", "auditor-demo")
                .body())) {
            if (n.path("path").asText().equals(path)) {
                return n.path("id").asLong();
            }
        }
        throw new AssertionError("no node " + path);
    }

    private static String requestChange(Http http, long nodeId, String key, String value) throws Exception {
        var response = http.postJson(CHANGES, "engineer", "engineer-demo", JSON.writeValueAsString(Map.of(
                "kind", "setAttributes", "nodeId", nodeId, "attributes", Map.of(key, value), "reason", "two nodes")));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("changeId").asText();
    }

    /** An SRE approves the change as soon as the approval is offered. */
    private static void approveChange(Http http, String changeId) {
        String taskId = await().atMost(MOVES_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode approval : JSON.readTree(http.get("/api/v1/service-tree/approvals", "sre", "sre-demo")
                    .body())) {
                if (approval.path("changeId").asText().equals(changeId)) {
                    return Optional.of(approval.path("taskId").asText());
                }
            }
            return Optional.<String>empty();
        }, Optional::isPresent).orElseThrow();
        try {
            var decided = http.postJson("/api/v1/service-tree/approvals/" + taskId + "/decision", "sre", "sre-demo",
                    "{\"approve\": true, \"comment\": \"ok\"}");
            assertThat(decided.statusCode()).as(decided.body()).isEqualTo(204);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String changeStatus(Http http, String changeId) throws Exception {
        return JSON.readTree(http.get(CHANGES + "/" + changeId, "engineer", "engineer-demo").body()).path("status")
                .asText();
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
