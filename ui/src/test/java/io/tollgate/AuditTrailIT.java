package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.AuditVerification;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail is tamper-evident: what happens (here failed sign-ins and a review over REST) is chained within
 * seconds, the verification says intact, and an entry edited or deleted directly in the database is named by the
 * verification, over REST as auditors use it. Each test repairs what it broke.
 */
@TollgateAppTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditTrailIT {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @LocalServerPort int port;
    @Autowired AuditTrail trail;
    @Autowired JdbcTemplate jdbc;
    @Autowired TargetInstances instances;
    @Autowired io.tollgate.engine.review.RuleSettings rules;
    @Autowired org.camunda.bpm.engine.RepositoryService repository;
    @Autowired org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired org.camunda.bpm.engine.IdentityService identity;
    @Autowired org.camunda.bpm.engine.TaskService tasks;
    @Autowired org.camunda.bpm.engine.ManagementService managementService;
    @Autowired org.camunda.bpm.engine.HistoryService historyService;
    @Autowired org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired io.tollgate.engine.timeline.Timelines timelines;
    Http http;

    @BeforeEach
    void client() throws Exception {
        http = new Http(port);
        http.get("/api/v1/tickets", "auditor", "wrong-password-" + System.nanoTime());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE entry_hash IS NULL", Long.class))
                .isZero());
    }

    @Test
    @Order(1)
    void whatHappensIsChainedAndTheChainIsIntact() throws Exception {
        List<AuditEntry> newest = trail.newest("auditor", 20);
        assertThat(newest).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("sign-in.failed");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.actorRoles()).isEqualTo("auditor");
            assertThat(e.sourceAddress()).isEqualTo("127.0.0.1");
            assertThat(e.seq()).isPositive();
            assertThat(e.entryHash()).hasSize(64);
        });
        HttpResponse<String> verification = http.get("/api/v1/audit/verification", "auditor", "auditor-demo");
        assertThat(verification.statusCode()).isEqualTo(200);
        AuditVerification result = JSON.readValue(verification.body(), AuditVerification.class);
        assertThat(result.intact()).as(result.describe()).isTrue();
        assertThat(result.checked()).isPositive();
        assertThat(http.get("/api/v1/audit/verification", "engineer", "engineer-demo").statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void registeringAnInstanceIsOnTheTrailWithoutItsPassword() {
        String name = "audited-" + System.nanoTime();
        instances.register(new InstanceForm(name, "127.0.0.1", 3306, "root", "s3cret-never-logged",
                io.tollgate.engine.review.Environment.TEST, false, "reviewer"), "dba");

        assertThat(trail.newest("auditor", 20)).filteredOn(e -> name.equals(e.subjectId())).singleElement()
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo("instance.registered");
                    assertThat(e.actor()).isEqualTo("dba");
                    assertThat(e.actorRoles()).isEqualTo("dba");
                    assertThat(e.summary() + e.payload()).contains("root@127.0.0.1:3306")
                            .doesNotContain("s3cret-never-logged");
                });

        var dev = io.tollgate.engine.review.Environment.DEV;
        var before = rules.rules().stream().filter(r -> r.id().equals("naming.lower-case")).findFirst().orElseThrow()
                .levels().get(dev);
        rules.changeLevel("naming.lower-case", dev, io.tollgate.engine.review.RuleLevel.OFF, "admin");
        try {
            assertThat(trail.newest("auditor", 20)).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo("review-rule.level-changed");
                assertThat(e.actor()).isEqualTo("admin");
                assertThat(e.subjectId()).isEqualTo("naming.lower-case");
                assertThat(e.summary()).contains("→ OFF");
            });
        } finally {
            rules.changeLevel("naming.lower-case", dev, before, "admin");
        }
    }

    @Test
    @Order(3)
    void anEntryEditedInTheDatabaseIsNamed() throws Exception {
        AuditEntry victim = sealedEntryInTheMiddle();
        jdbc.update("UPDATE audit_entry SET summary = 'nothing happened' WHERE id = ?", victim.id());
        try {
            AuditVerification result = verifyOverRest();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenEntryId()).isEqualTo(victim.id());
            assertThat(result.problem()).contains("content was changed");
            assertThat(result.describe()).contains("broken at entry " + victim.id());
        } finally {
            jdbc.update("UPDATE audit_entry SET summary = ? WHERE id = ?", victim.summary(), victim.id());
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @Order(4)
    void anEntryDeletedFromTheDatabaseIsNamedByTheOneAfterIt() throws Exception {
        AuditEntry victim = sealedEntryInTheMiddle();
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_entry WHERE id = ?", victim.id());
        jdbc.update("DELETE FROM audit_entry WHERE id = ?", victim.id());
        try {
            AuditVerification result = verifyOverRest();
            assertThat(result.intact()).isFalse();
            assertThat(result.brokenSeq()).isEqualTo(victim.seq() + 1);
            assertThat(result.problem()).contains("place " + victim.seq() + " is missing");
        } finally {
            jdbc.update("INSERT INTO audit_entry (id, occurred_at_micros, actor, actor_roles, source_address, kind,"
                            + " subject_type, subject_id, summary, payload, seq, prev_hash, entry_hash, instance_name,"
                            + " database_name, environment, outcome)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", value(row, "id"),
                    value(row, "occurred_at_micros"), value(row, "actor"),
                    value(row, "actor_roles"), value(row, "source_address"), value(row, "kind"),
                    value(row, "subject_type"), value(row, "subject_id"), value(row, "summary"),
                    value(row, "payload"), value(row, "seq"), value(row, "prev_hash"), value(row, "entry_hash"),
                    value(row, "instance_name"), value(row, "database_name"), value(row, "environment"),
                    value(row, "outcome"));
        }
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    @Order(5)
    void restFiltersTheTrailPagesItAndRefusesBadFilters() throws Exception {
        String who = "nobody-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            http.get("/api/v1/tickets", who, "wrong");
        }
        HttpResponse<String> page = http.get("/api/v1/audit?actor=" + who + "&kind=sign-in&outcome=failed&limit=2",
                "auditor", "auditor-demo");
        assertThat(page.statusCode()).isEqualTo(200);
        List<Map<String, Object>> entries = JSON.readValue(page.body(), List.class);
        assertThat(entries).hasSize(2).allSatisfy(e -> {
            assertThat(e.get("actor")).isEqualTo(who);
            assertThat(e.get("kind")).isEqualTo("sign-in.failed");
            assertThat(e.get("outcome")).isEqualTo("failed");
        });
        String next = page.headers().firstValue("X-Next-Before").orElseThrow();
        List<Map<String, Object>> rest = JSON.readValue(http.get("/api/v1/audit?actor=" + who + "&limit=2&before="
                + next, "auditor", "auditor-demo").body(), List.class);
        assertThat(rest).hasSize(1);

        for (String bad : List.of("from=yesterday", "environment=staging", "outcome=maybe", "limit=0",
                "before=x", "kind=a%20b")) {
            HttpResponse<String> refused = http.get("/api/v1/audit?" + bad, "auditor", "auditor-demo");
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("message").asText()).as(bad).isNotBlank();
        }
        assertThat(http.get("/api/v1/audit?actor=" + who, "engineer", "engineer-demo").statusCode()).isEqualTo(403);
        // the refused attempt is evidence too
        assertThat(trail.newest("auditor", 20)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("access.forbidden");
            assertThat(e.actor()).isEqualTo("engineer");
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.subjectId()).isEqualTo("GET /api/v1/audit");
        });
        assertThat(http.get("/api/v1/audit/export?format=xml", "auditor", "auditor-demo").statusCode())
                .isEqualTo(400);
        // a filter misnamed is refused, not ignored: the whole trail came back as if filtered (a helper's finding)
        for (String path : List.of("/api/v1/audit?subjectId=T-1", "/api/v1/audit/export?subjectId=T-1",
                "/api/v1/audit?actor=" + who + "&Kind=sign-in")) {
            HttpResponse<String> refused = http.get(path, "auditor", "auditor-demo");
            assertThat(refused.statusCode()).as(path).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).get("message").asText()).as(path)
                    .contains("unknown parameter").contains("subject");
        }
    }

    @Test
    @Order(6)
    void anExportOverRestIsStreamedWithItsFiltersAndHashesAndIsOnTheTrail() throws Exception {
        String who = "exported-" + System.nanoTime();
        http.get("/api/v1/tickets", who, "wrong");
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE actor = ? AND entry_hash IS NOT NULL", Long.class, who) == 1);
        HttpResponse<String> export = http.get("/api/v1/audit/export?format=jsonl&actor=" + who, "auditor",
                "auditor-demo");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains(".jsonl");
        List<com.fasterxml.jackson.databind.JsonNode> records = new java.util.ArrayList<>();
        for (String line : export.body().lines().toList()) {
            records.add(JSON.readTree(line));
        }
        assertThat(records.get(0).get("record").asText()).isEqualTo("export");
        assertThat(records.get(0).get("filters").get("actor").asText()).isEqualTo(who);
        List<com.fasterxml.jackson.databind.JsonNode> entries = records.stream()
                .filter(r -> r.get("record").asText().equals("entry")).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).get("actor").asText()).isEqualTo(who);
        assertThat(entries.get(0).get("entry_hash").asText()).hasSize(64);
        // and nothing else but the daily anchors of days that have ended (a run past midnight UTC has one)
        assertThat(records.subList(1, records.size())).allSatisfy(r -> {
            if (!r.get("record").asText().equals("entry")) {
                assertThat(r.get("record").asText()).isEqualTo("anchor");
                assertThat(r.get("hash").asText()).hasSize(64);
            }
        });
        assertThat(trail.newest("auditor", 10)).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo("audit.exported");
            assertThat(e.actor()).isEqualTo("auditor");
            assertThat(e.payload()).contains(who);
        });

        // a HEAD exports nothing, so it is no export on the trail (it was recorded as one: a helper's finding);
        // it answers to the same readers
        String exports = "SELECT COUNT(*) FROM audit_entry WHERE kind = 'audit.exported'";
        long before = jdbc.queryForObject(exports, Long.class);
        HttpResponse<String> head = http.send("HEAD", "/api/v1/audit/export?format=jsonl", "auditor", "auditor-demo",
                null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Disposition").orElseThrow()).contains(".jsonl");
        assertThat(http.send("HEAD", "/api/v1/audit/export", "engineer", "engineer-demo", null).statusCode())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject(exports, Long.class)).isEqualTo(before);
    }

    @Test
    @Order(7)
    void engineOperationsFromCamundasOperationLogAreCopiedOnceIntoTheTrail() {
        String key = "auditOpLog" + System.nanoTime();
        repository.createDeployment().addModelInstance(key + ".bpmn", org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().userTask("Task_Wait")
                .camundaCandidateGroups("dba").endEvent().done()).deploy();
        String instance = runtime.startProcessInstanceByKey(key).getId();
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
            runtime.deleteProcessInstance(instance, "removed by hand in Cockpit");
        } finally {
            identity.clearAuthentication();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_entry WHERE kind = 'engine.delete' AND subject_id = ?", Long.class,
                instance)).isEqualTo(1));
        AuditEntry deleted = trail.newest("auditor", 50).stream().filter(e -> instance.equals(e.subjectId()))
                .findFirst().orElseThrow();
        assertThat(deleted.actor()).isEqualTo("admin");
        assertThat(deleted.payload()).contains(key).contains("ProcessInstance");
        // dated when copied; the operation's own time is in its words and its payload
        java.time.Instant at = historyService.createUserOperationLogQuery().processInstanceId(instance)
                .operationType("Delete").singleResult().getTimestamp().toInstant();
        assertThat(deleted.summary()).endsWith(" in the engine at " + at);
        assertThat(deleted.payload()).contains("\"at\":\"" + at + "\"");
    }

    /**
     * An admin who suspends a step's job definition in Cockpit (every ticket's run, say) is on the trail under that job
     * definition, naming the step: it was filed under the deployment's id, called "JobDefinition" in its words, and
     * nobody could tell which step had been frozen.
     */
    @Test
    @Order(7)
    void aJobDefinitionSuspendedInCockpitIsFiledUnderItNamingItsStep() {
        String key = "auditJobDef" + System.nanoTime();
        repository.createDeployment().addModelInstance(key + ".bpmn", org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().serviceTask("Task_Run")
                .camundaAsyncBefore().camundaExpression("${true}").endEvent().done()).deploy();
        String definition = managementService.createJobDefinitionQuery().processDefinitionKey(key).singleResult()
                .getId();
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
            managementService.suspendJobDefinitionById(definition, true);
            managementService.activateJobDefinitionById(definition, true);
        } finally {
            identity.clearAuthentication();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT kind FROM audit_entry WHERE subject_type = 'engine-job-definition' AND subject_id = ?"
                        + " ORDER BY id", String.class, definition))
                .containsExactly("engine.suspend-job-definition", "engine.activate-job-definition"));
        String summary = jdbc.queryForObject("SELECT summary FROM audit_entry WHERE subject_id = ? AND kind ="
                + " 'engine.suspend-job-definition'", String.class, definition);
        assertThat(summary).contains("JobDefinition " + definition, "Task_Run", key);
        assertThat(jdbc.queryForObject("SELECT payload FROM audit_entry WHERE subject_id = ? AND kind ="
                + " 'engine.suspend-job-definition'", String.class, definition))
                .contains("\"jobDefinitionId\":\"" + definition + "\"", "\"activityId\":\"Task_Run\"");
    }

    /**
     * An admin's Cockpit operation on a ticket's process is about the ticket: found by the ticket's id and on its
     * timeline, not only under an engine id nobody searches for. Before, a variable rewritten on a ticket's process
     * was filed under the process instance's id.
     */
    @Test
    @Order(7)
    void anEngineOperationOnATicketsProcessIsFoundByTheTicketsId() {
        String ticketId = "T-OPLOG" + System.nanoTime();
        String[] started = new String[1];
        io.tollgate.engine.deployment.RequestProcesses.start(() -> started[0] = runtime.startProcessInstanceByKey(
                io.tollgate.processes.ticket.SqlTicketProcess.KEY, ticketId).getId());
        String instance = started[0];
        // its review job finds no ticket and fails, to be retried a minute later: the admin's operations below must
        // not meet the job executor running it
        if (engineConfiguration.getJobExecutor().isActive()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> managementService.createJobQuery()
                    .processInstanceId(instance).singleResult().getExceptionMessage() != null);
        }
        identity.setAuthentication("admin", List.of("camunda-admin"));
        try {
            runtime.setVariable(instance, "dbaApprovalRequired", false);
            runtime.deleteProcessInstance(instance, "removed by hand in Cockpit");
        } finally {
            identity.clearAuthentication();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT kind FROM audit_entry WHERE subject_type = 'ticket' AND subject_id = ? AND kind LIKE"
                        + " 'engine.%' ORDER BY id", String.class, ticketId))
                .containsExactly("engine.set-variable", "engine.delete"));
        assertThat(jdbc.queryForObject("SELECT payload FROM audit_entry WHERE subject_id = ? AND kind ="
                + " 'engine.set-variable'", String.class, ticketId)).contains(instance, "dbaApprovalRequired");
    }

    @Test
    @Order(8)
    void aTimelineMergesTheTrailWithTheEnginesTasksAndHowLongTheyWaited() {
        String key = "auditTimeline" + System.nanoTime();
        String ticketId = "T-TL" + System.nanoTime();
        repository.createDeployment().addModelInstance(key + ".bpmn", org.camunda.bpm.model.bpmn.Bpmn
                .createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent().userTask("Task_Approve")
                .name("Approve the ticket").camundaCandidateGroups("reviewer").endEvent().done()).deploy();
        runtime.startProcessInstanceByKey(key, ticketId);
        trail.record(new io.tollgate.engine.audit.AuditEvent("ticket.submitted", "engineer", "ticket", ticketId,
                "ticket " + ticketId + " submitted", Map.of()));
        var task = tasks.createTaskQuery().processInstanceBusinessKey(ticketId).singleResult();
        tasks.setAssignee(task.getId(), "reviewer");
        tasks.complete(task.getId());

        List<io.tollgate.engine.timeline.TimelineStep> steps = timelines.of("auditor", ticketId);
        assertThat(steps).extracting(io.tollgate.engine.timeline.TimelineStep::what).contains("ticket.submitted",
                "process " + key + " started", "task Approve the ticket created", "task Approve the ticket completed",
                "process " + key + " ended (COMPLETED)");
        assertThat(steps).filteredOn(s -> s.what().equals("task Approve the ticket completed")).singleElement()
                .satisfies(s -> {
                    assertThat(s.who()).isEqualTo("reviewer");
                    assertThat(s.waited()).isNotNull();
                    assertThat(s.waited().isNegative()).isFalse();
                    assertThat(s.source()).isEqualTo("engine");
                });
        assertThat(steps).isSortedAccordingTo(java.util.Comparator.comparing(
                io.tollgate.engine.timeline.TimelineStep::at));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timelines.of("engineer", ticketId))
                .isInstanceOf(io.tollgate.engine.permission.PermissionDeniedException.class);
    }

    @Test
    @Order(9)
    void theMailAndWebhookSettingsAreOnTheTrailOnceUntilTheyChange() {
        List<Map<String, Object>> settings = jdbc.queryForList(
                "SELECT actor, summary, payload FROM audit_entry WHERE kind = 'settings.changed'");
        assertThat(settings).hasSize(1);
        assertThat(value(settings.get(0), "actor")).isEqualTo("system");
        assertThat((String) value(settings.get(0), "payload")).contains("\"mail.mode\"").contains("webhooks.endpoints");
    }

    private AuditVerification verifyOverRest() throws Exception {
        HttpResponse<String> response = http.get("/api/v1/audit/verification", "auditor", "auditor-demo");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readValue(response.body(), AuditVerification.class);
    }

    private AuditEntry sealedEntryInTheMiddle() {
        List<AuditEntry> sealed = trail.newest("auditor", 50).stream().filter(e -> e.seq() != null).toList();
        assertThat(sealed).hasSizeGreaterThanOrEqualTo(3);
        return sealed.get(sealed.size() / 2);
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toUpperCase());
    }
}
