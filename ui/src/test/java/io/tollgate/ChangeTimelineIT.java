package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service-tree change's timeline over REST ({@code GET /api/v1/service-tree/changes/{id}/timeline}, issue 14): a
 * change requested, approved and applied reads as the trail's entries and the engine's approval task in order, with
 * who did each and how long the approval waited; it is read as the change is (not by those who may not read the
 * tree), and an unknown change is a 404 in the one error shape.
 */
@TollgateAppTest
public class ChangeTimelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHANGES = "/api/v1/service-tree/changes";

    @LocalServerPort int port;
    @Autowired ServiceTreeView tree;
    @Autowired ServiceTreeChangeRequests requests;
    Http http;

    @BeforeEach
    void treeLoaded() throws InterruptedException {
        http = new Http(port);
        assertThat(tree.awaitLoaded(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aRequestedApprovedAndAppliedChangeReadsInOrderWithActorsAndTheWait() throws Exception {
        String changeId = requestedApprovedAndApplied(http, tree, requests);

        JsonNode timeline = ok(http.get(CHANGES + "/" + changeId + "/timeline", "engineer", "engineer-demo"));

        List<String> trail = new ArrayList<>();
        Instant previous = Instant.EPOCH;
        JsonNode approvalTask = null;
        for (JsonNode step : timeline) {
            Instant at = Instant.parse(step.path("at").asText());
            assertThat(at).as("oldest first: %s", step).isAfterOrEqualTo(previous);
            previous = at;
            if (step.path("source").asText().equals("trail")) {
                trail.add(step.path("what").asText() + " by " + step.path("who").asText());
            } else if (step.path("what").asText().startsWith("task ")
                    && step.path("what").asText().endsWith(" completed")) {
                approvalTask = step;
            }
        }
        assertThat(trail).containsSubsequence("tree-change.requested by engineer", "tree-change.approved by sre",
                "tree-change.applied by system");
        assertThat(approvalTask).as("the engine's approval task, ended: %s", timeline).isNotNull();
        assertThat(approvalTask.path("who").asText()).isEqualTo("sre");
        assertThat(approvalTask.path("waited").isNull() || approvalTask.path("waited").isMissingNode())
                .as("how long it waited: %s", approvalTask).isFalse();
        assertThat(timeline.toString()).contains("process serviceTreeChange started");

        // those who read all history read it too
        assertThat(ok(http.get(CHANGES + "/" + changeId + "/timeline", "auditor", "auditor-demo"))).hasSize(
                timeline.size());
    }

    @Test
    void itIsReadAsTheChangeIsAndAnUnknownChangeIsNotFound() throws Exception {
        String changeId = request(http, tree);

        problem(http.get(CHANGES + "/" + changeId + "/timeline", "reviewer", "reviewer-demo"), 403,
                "may not read the service tree");
        problem(http.get(CHANGES + "/stc-no-such-change/timeline", "engineer", "engineer-demo"), 404,
                "no service-tree change stc-no-such-change");
        assertThat(http.get(CHANGES + "/" + changeId + "/timeline", "engineer", "wrong-password").statusCode())
                .isEqualTo(401);
    }

    /**
     * A refused decision on a change's approval is found by the change's id: it was filed under the request's path
     * ("POST /api/v1/service-tree/approvals/{task}/decision"), which no auditor searches for.
     */
    @Test
    void aRefusedDecisionOnAnApprovalIsFoundByTheChangesId() throws Exception {
        String changeId = request(http, tree);
        String task = null;
        for (JsonNode approval : ok(http.get("/api/v1/service-tree/approvals", "sre", "sre-demo"))) {
            if (approval.path("changeId").asText().equals(changeId)) {
                task = approval.path("taskId").asText();
            }
        }
        assertThat(task).isNotNull();
        HttpResponse<String> refused = http.postJson("/api/v1/service-tree/approvals/" + task + "/decision",
                "admin", "admin-demo", "{\"approve\": true, \"comment\": \"as admin\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);

        JsonNode found = ok(http.get("/api/v1/audit?subject=" + changeId, "auditor", "auditor-demo"));
        assertThat(found.toString()).as("the refusal under %s", changeId).contains("/decision")
                .contains("\"actor\":\"admin\"");
    }

    /** A setAttributes change of a node an SRE approves alone, requested by the engineer; returns its id. */
    public static String request(Http http, ServiceTreeView tree) throws Exception {
        long sh = tree.search("sh", 50).stream().filter(n -> n.path().equals("/online/loki/api/sh")).findFirst()
                .orElseThrow().node().id();
        HttpResponse<String> response = http.postJson(CHANGES, "engineer", "engineer-demo", "{\"kind\":"
                + " \"setAttributes\", \"nodeId\": " + sh + ", \"attributes\": {\"timeline\": \"" + System.nanoTime()
                + "\"}, \"reason\": \"timeline\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("changeId").asText();
    }

    /** Requested by the engineer, approved by the SRE over REST, and applied. */
    public static String requestedApprovedAndApplied(Http http, ServiceTreeView tree, ServiceTreeChangeRequests requests)
            throws Exception {
        String changeId = request(http, tree);
        String task = null;
        for (JsonNode approval : ok(http.get("/api/v1/service-tree/approvals", "sre", "sre-demo"))) {
            if (approval.path("changeId").asText().equals(changeId)) {
                task = approval.path("taskId").asText();
            }
        }
        assertThat(task).as("an approval of %s offered to sre", changeId).isNotNull();
        HttpResponse<String> approved = http.postJson("/api/v1/service-tree/approvals/" + task + "/decision", "sre",
                "sre-demo", "{\"approve\": true, \"comment\": \"fine\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> requests.find(changeId).orElseThrow().status()
                == ChangeStatus.APPLIED);
        return changeId;
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void problem(HttpResponse<String> response, int status, String says) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("message").asText()).contains(says);
    }
}
