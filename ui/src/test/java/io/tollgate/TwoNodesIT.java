package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, first step: two Tollgate JVMs on one uniquely named MariaDB database and one ZooKeeper. A ticket submitted
 * on node A is reviewed by node B's job executor (A's is off, so B creates the approval task) and approved over REST on
 * B; node A's task stream sees both, and a long poll on A ends within 2 s of the approval. Both nodes' safety-net sweep
 * is set to five minutes, so only a cluster signal can end the poll or reach A's task stream in time.
 */
class TwoNodesIT {

    private static final Duration START = ChildNodes.START;
    private static final Duration LIVE_WITHIN = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TargetDatabase target = new TargetDatabase("nodes_");

    private ChildNodes nodes;

    @AfterEach
    void stopEverything() throws IOException {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aChangeOnNodeBReachesNodeAsTaskStreamAndLongPollWithinTwoSeconds() throws Exception {
        // only a signal can be in time: the safety net is far slower than the 2 s asked for
        nodes = new ChildNodes(target, "--tollgate.cluster.safety-sweep=5m");
        ChildNodes.Node nodeA = nodes.start("a", "--camunda.bpm.job-execution.enabled=false");
        Http a = nodeA.http();
        Path logA = nodeA.log();
        // B's job executor looks for new jobs at least every 2 s (A's submit does not hint it)
        Http b = nodes.start("b", "--camunda.bpm.job-execution.max-wait=2000").http();

        String table = target.fruitTable();
        String ticketId = JSON.readTree(a.postJson("/api/v1/tickets", "engineer", "engineer-demo",
                JSON.writeValueAsString(Map.of("title", "Two nodes", "instance", target.instance,
                        "database", target.name, "sql", "UPDATE `" + table + "` SET qty = 11 WHERE id = 1;",
                        "reason", "cluster test"))).body()).get("id").asText();

        // B's job executor reviews it and creates the approval task there; A's tasklist stream is told
        await().atMost(START).pollInterval(Duration.ofMillis(100))
                .until(() -> taskChange(logA, "CREATED", ticketId).isPresent());
        assertThat(status(a, ticketId)).isEqualTo("AWAITING_APPROVAL");
        String taskId = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> reviewerTask(b, ticketId), Optional::isPresent).orElseThrow();

        // a long poll on A, pending before B approves
        CompletableFuture<JsonNode> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return JSON.readTree(a.get("/api/v1/tickets/" + ticketId + "?waitWhileStatus=AWAITING_APPROVAL&wait=60",
                        "engineer", "engineer-demo").body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !poll.isDone());

        long approving = System.currentTimeMillis();
        assertThat(b.postJson("/api/v1/tasks/" + taskId + "/decision", "reviewer", "reviewer-demo",
                "{\"approve\": true, \"comment\": \"ok from node B\"}").statusCode()).isEqualTo(204);
        long approved = System.currentTimeMillis();

        // bounded: without a signal the poll would last its 60 s (the sweep is five minutes away)
        JsonNode answer = poll.get(LIVE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        long pollEnded = System.currentTimeMillis();
        assertThat(answer.get("status").asText()).isNotEqualTo("AWAITING_APPROVAL");
        long completedOnA = await().atMost(LIVE_WITHIN).pollInterval(Duration.ofMillis(20))
                .until(() -> taskChange(logA, "COMPLETED", ticketId), Optional::isPresent).orElseThrow();
        System.out.printf("two nodes IT: the approval on B answered in %d ms; A's long poll ended %d ms and A's task"
                        + " stream delivered the completion %d ms after B answered%n", approved - approving,
                pollEnded - approved, completedOnA - approved);
        assertThat(pollEnded - approved).isLessThan(LIVE_WITHIN.toMillis());
        assertThat(completedOnA - approved).isLessThan(LIVE_WITHIN.toMillis());
    }

    @Test
    void aNodeInAnotherTimeZoneIsRefusedBeforeItServes() throws Exception {
        nodes = new ChildNodes(target);
        ChildNodes.Node nodeA = nodes.start("a", "--camunda.bpm.job-execution.enabled=false");
        ZoneId other = ZoneId.of("America/New_York");
        assertThat(other.getRules()).isNotEqualTo(ZoneId.systemDefault().getRules());

        ChildNodes.Node nodeC = nodes.launch("c", other);

        // it ends on its own, refused while it starts: it never served, and A goes on serving
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> !nodeC.process().isAlive()
                || Files.readString(nodeC.log()).contains(TollgateChild.READY));
        String log = Files.readString(nodeC.log());
        assertThat(log).as("see %s", nodeC.log()).doesNotContain(TollgateChild.READY)
                // refused before the engine was built, so before it wrote anything in the wrong zone
                .doesNotContain("ENGINE-00001 Process Engine default created")
                .contains("This node's JVM runs in time zone America/New_York, but the nodes on this database run in "
                        + ZoneId.systemDefault().getId());
        assertThat(nodeC.process().onExit().get(10, TimeUnit.SECONDS).exitValue()).isNotZero();
        assertThat(nodeA.http().get("/api/v1/tickets", "engineer", "engineer-demo").statusCode())
                .isEqualTo(200);
    }

    @Test
    void twoNodesStartedTogetherOnAFreshDatabaseBothServe() throws Exception {
        // as a deployment with several replicas starts: nobody created the schema, both bootstrap the admin
        nodes = new ChildNodes(target, "--tollgate.accounts.bootstrap-admin-password=together-admin-pw");
        ChildNodes.Node a = nodes.launch("a");
        ChildNodes.Node b = nodes.launch("b");

        ChildNodes.awaitReady(a);
        ChildNodes.awaitReady(b);

        for (ChildNodes.Node node : List.of(a, b)) {
            assertThat(node.http().get("/api/v1/tickets", "admin", "together-admin-pw").statusCode())
                    .as("node %s", node.name()).isEqualTo(200);
        }
        try (Connection c = DriverManager.getConnection(nodes.jdbcUrl(), UniqueMariaDbDatabase.USER,
                UniqueMariaDbDatabase.PASSWORD); Statement s = c.createStatement()) {
            // one admin, one version of each model
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM account WHERE username = 'admin'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT KEY_, COUNT(*) FROM ACT_RE_PROCDEF GROUP BY KEY_"
                    + " HAVING COUNT(*) > 1")) {
                assertThat(rs.next()).as("a process deployed twice").isFalse();
            }
        }
    }

    /** When node A's task stream delivered a change of {@code type} for the ticket, if it did. */
    private static Optional<Long> taskChange(Path log, String type, String ticketId) throws IOException {
        String prefix = TollgateChild.TASK_CHANGE + " " + type + " " + ticketId + " ";
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix))
                .map(l -> Long.parseLong(l.substring(prefix.length()).trim())).findFirst();
    }

    private static Optional<String> reviewerTask(Http http, String ticketId) throws Exception {
        for (JsonNode t : JSON.readTree(http.get("/api/v1/tasks", "reviewer", "reviewer-demo").body())) {
            if (t.get("ticket").get("id").asText().equals(ticketId)) {
                return Optional.of(t.get("taskId").asText());
            }
        }
        return Optional.empty();
    }

    private static String status(Http http, String ticketId) throws Exception {
        return JSON.readTree(http.get("/api/v1/tickets/" + ticketId, "engineer", "engineer-demo").body())
                .get("status").asText();
    }
}
