package io.tollgate.goinception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tollgate.FreshDataDir;
import io.tollgate.Http;
import io.tollgate.TargetDatabase;
import io.tollgate.engine.goinception.ReviewBackend;
import io.tollgate.engine.goinception.ReviewBackends;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.integrations.goinception.GoInceptionStandIn;
import io.tollgate.integrations.goinception.GoInceptionStandIn.Fixture;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tickets on a MariaDB instance reviewed by BOTH Tollgate's rules and goInception (issue 17), goInception being the
 * MySQL-protocol stand-in replaying recorded answers. The job executor is off: each test runs the review job itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camunda.bpm.job-execution.enabled=false", "tollgate.sandbox.enabled=false"})
@ContextConfiguration(initializers = FreshDataDir.class)
@DirtiesContext
@Order(3)
class GoInceptionReviewIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_goinc_");
    private static final String DB = TARGET.name;
    private static final String BOTH = "goinc-both";
    private static final String BUILT_IN = "goinc-builtin";

    private static final GoInceptionStandIn GO_INCEPTION = new GoInceptionStandIn(GoInceptionReviewIT::answer).start();

    @DynamicPropertySource
    static void goInception(DynamicPropertyRegistry registry) {
        registry.add("tollgate.goinception.url", GO_INCEPTION::url);
        registry.add("tollgate.goinception.timeout", () -> "10s");
    }

    /** The recorded answer for the script in the check query, with this run's database in its {@code use} row. */
    private static final Fixture DELETE_ERROR = Fixture.load("ticket-delete-error.json");
    private static final Fixture UPDATE_MANY_ROWS = Fixture.load("ticket-update-many-rows.json");

    private static Fixture answer(String check) {
        Fixture recorded = check.contains("DELETE") ? DELETE_ERROR : UPDATE_MANY_ROWS;
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : recorded.rows()) {
            rows.add(row.stream().map(v -> v instanceof String s ? (Object) s.replace("%DB%", DB) : v).toList());
        }
        return new Fixture(recorded.source(), recorded.types(), rows);
    }

    @AfterAll
    static void stopGoInception() {
        GO_INCEPTION.close();
    }

    @Autowired Tickets tickets;
    @Autowired TargetInstances instances;
    @Autowired ReviewBackends backends;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired RuntimeService runtimeService;
    @Autowired Outbox outbox;
    @LocalServerPort int port;

    @BeforeEach
    void instances() throws Exception {
        GO_INCEPTION.start();
        if (instances.find(BOTH).isEmpty()) {
            TARGET.sql("CREATE TABLE gi_orders (id INT NOT NULL PRIMARY KEY COMMENT 'id', qty INT NOT NULL COMMENT 'qty')"
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT 'orders'");
            TARGET.sql("INSERT INTO gi_orders VALUES (1, 10), (2, 20)");
            instances.register(TARGET.form(BOTH, false), "admin");
            instances.register(TARGET.form(BUILT_IN, false), "admin");
            backends.choose(BOTH, ReviewBackend.BOTH, "admin");
        }
    }

    @Test
    void findingsAreMergedAndTheRoutingFollowsTheMergedRisk() {
        String sql = "UPDATE gi_orders SET qty = 0 WHERE qty >= 0;";
        TicketRecord both = submitAndReview(BOTH, sql);
        TicketRecord builtIn = submitAndReview(BUILT_IN, sql);

        assertThat(both.status()).as("%s", both.findings()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(both.findings()).extracting(TicketFinding::ruleId).contains("goinception.warning");
        assertThat(both.findings()).filteredOn(f -> f.ruleId().equals("goinception.warning")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).isEqualTo("goInception: Update rows more then 10000.");
                    assertThat(f.level()).isEqualTo("WARNING");
                    assertThat(f.statement()).isEqualTo(1);
                });
        // goInception's 50,000-row estimate is over tollgate.review.max-affected-rows: HIGH, so a DBA approves too
        assertThat(both.risk()).isEqualTo("HIGH");
        assertThat(builtIn.risk()).isEqualTo("MODERATE");
        assertThat(builtIn.findings()).noneMatch(f -> f.ruleId().startsWith("goinception."));
        tickets.decide(task(both.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true, "ok");
        tickets.decide(task(builtIn.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true, "ok");
        assertThat(tickets.openTasks(both.id())).extracting(TicketTask::kind).contains(TicketTask.Kind.DBA_APPROVAL);
        assertThat(tickets.openTasks(builtIn.id())).extracting(TicketTask::kind).doesNotContain(TicketTask.Kind.DBA_APPROVAL);
    }

    @Test
    void anErrorOnlyGoInceptionFindsSendsTheTicketBack() {
        TicketRecord ticket = submitAndReview(BOTH, "DELETE FROM gi_orders WHERE id = 2;");

        assertThat(ticket.status()).isEqualTo(TicketStatus.REVIEW_FAILED);
        assertThat(ticket.findings()).filteredOn(f -> f.level().equals("ERROR")).extracting(TicketFinding::message)
                .containsExactly("goInception: Delete statements are not allowed on this instance.");
    }

    /** The attack: goInception down must not let the ticket through review; it waits and passes once goInception is back. */
    @Test
    void whileGoInceptionIsDownTheTicketWaitsInReviewAndPassesOnceItIsBack() {
        GO_INCEPTION.stop();
        TicketRecord ticket = tickets.submit("engineer", new TicketDraft("goInception down", BOTH, DB,
                "UPDATE gi_orders SET qty = 0 WHERE qty >= 0;", "issue 17", ExecutionMode.AFTER_APPROVAL, null));

        Job review = reviewJob(ticket.id());
        assertThatThrownBy(() -> managementService.executeJob(review.getId()))
                .hasMessageContaining("goInception at " + GO_INCEPTION.url() + " is unreachable");
        TicketRecord waiting = tickets.find(ticket.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(TicketStatus.REVIEWING);
        assertThat(waiting.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("review.backend-unavailable");
            assertThat(f.level()).isEqualTo("ERROR");
            assertThat(f.message()).startsWith("goInception at " + GO_INCEPTION.url() + " is unreachable")
                    .contains("the review is retried");
        });
        assertThat(tickets.openTasks(ticket.id())).isEmpty();
        Job retry = reviewJob(ticket.id());
        // what Camunda keeps of the failure (shown in Cockpit) names goInception, never the target's password
        assertThat(managementService.getJobExceptionStacktrace(retry.getId()))
                .contains("goInception at " + GO_INCEPTION.url())
                .doesNotContain(TARGET.form("x", false).password());
        assertThat(retry.getRetries()).as("the job retries").isPositive();
        assertThat(retry.getDuedate()).as("after the retry interval").isNotNull();

        GO_INCEPTION.start();
        managementService.executeJob(retry.getId());

        TicketRecord passed = tickets.find(ticket.id()).orElseThrow();
        assertThat(passed.status()).as("%s", passed.findings()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(passed.findings()).extracting(TicketFinding::ruleId).contains("goinception.warning")
                .doesNotContain("review.backend-unavailable");
        assertThat(task(ticket.id(), TicketTask.Kind.APPROVAL)).isNotNull();
    }

    /**
     * goInception down for longer than the review's retries: its job becomes an incident. The ticket says which step
     * is stuck and why, the DBAs and the submitter hear of it, and only a DBA gets it going again (ADR 0052).
     */
    @Test
    void aReviewOutOfRetriesIsStuckOnTheTicketUntilADbaRetriesIt() throws Exception {
        String id = stuckReview("stuck review");
        TicketRecord stuck = tickets.find(id).orElseThrow();
        assertThat(stuck.status()).isEqualTo(TicketStatus.REVIEWING);
        assertThat(stuck.stuckStep()).isEqualTo("Review the SQL");
        assertThat(stuck.stuckReason()).startsWith("goInception at " + GO_INCEPTION.url() + " is unreachable");
        assertThat(stuck.trail()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.STEP_STUCK);
            assertThat(e.actor()).isEqualTo("system");
            assertThat(e.detail()).startsWith("\"Review the SQL\" failed after all its retries: goInception at")
                    .endsWith("nothing moves until a DBA retries it");
        });
        assertThat(outbox.list(Optional.empty(), 1000)).filteredOn(m -> m.link().endsWith("/tickets/" + id))
                .filteredOn(m -> m.kind() == MailKind.STEP_STUCK).extracting(OutboxMailView::recipient)
                .contains("engineer", "dba");

        // DBAs find it among the stuck tickets
        Http http = new Http(port);
        var listed = http.get("/api/v1/tickets?stuck=true&limit=1000", "dba", "dba-demo");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"id\":\"" + id + "\"").contains("\"stuckStep\":\"Review the SQL\"");
        assertThat(tickets.list(new TicketFilter(java.util.Set.of(), null, null, null, null, null, 0, true)))
                .as("only stuck tickets").isNotEmpty().allMatch(t -> t.stuckStep() != null);

        // the submitter, reviewers and admins (outside Cockpit) cannot retry it
        String retry = "/api/v1/tickets/" + id + "/stuck-step/retry";
        for (String user : List.of("engineer", "reviewer", "admin")) {
            var refused = http.postJson(retry, user, user + "-demo", "{}");
            assertThat(refused.statusCode()).as(user + ": " + refused.body()).isEqualTo(403);
            assertThat(refused.body()).contains("\"status\":403");
        }
        var missing = http.postJson("/api/v1/tickets/T-no-such/stuck-step/retry", "dba", "dba-demo", "{}");
        assertThat(missing.statusCode()).isEqualTo(404); // as every action on a ticket that is not there
        assertThat(missing.body()).contains("no ticket T-no-such");
        assertThat(reviewJob(id).getRetries()).as("refused retries gave no try").isZero();

        GO_INCEPTION.start();
        var retried = http.postJson(retry, "dba", "dba-demo", "{}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        TicketRecord moving = tickets.find(id).orElseThrow();
        assertThat(moving.stuckStep()).isNull();
        assertThat(moving.stuckReason()).isNull();
        assertThat(moving.trail()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.STEP_RETRIED);
            assertThat(e.actor()).isEqualTo("dba");
            assertThat(e.detail()).isEqualTo("\"Review the SQL\" runs again");
        });
        assertThat(runtimeService.createIncidentQuery().processInstanceId(reviewJob(id).getProcessInstanceId())
                .count()).isZero();
        assertThat(reviewJob(id).getRetries()).isOne();
        assertThat(http.get("/api/v1/tickets?stuck=true&limit=1000", "dba", "dba-demo").body())
                .doesNotContain("\"id\":\"" + id + "\"");
        var twice = http.postJson(retry, "dba", "dba-demo", "{}");
        assertThat(twice.statusCode()).as("nothing is stuck now: " + twice.body()).isEqualTo(409);

        managementService.executeJob(reviewJob(id).getId());
        assertThat(tickets.find(id).orElseThrow().status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
    }

    /** An admin who retries the stuck job in Cockpit is named on the ticket as a DBA would be. */
    @Test
    void aRetryInCockpitNamesTheAdminOnTheTicket() throws Exception {
        String id = stuckReview("stuck review, Cockpit");
        GO_INCEPTION.start();
        Http.Cockpit cockpit = new Http(port).cockpit("admin", "admin-demo");
        var retried = cockpit.send("PUT", "/camunda/api/engine/engine/default/job/" + reviewJob(id).getId()
                + "/retries", "{\"retries\":1}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);

        TicketRecord moving = tickets.find(id).orElseThrow();
        assertThat(moving.stuckStep()).isNull();
        assertThat(moving.trail()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(TicketEvent.Type.STEP_RETRIED);
            assertThat(e.actor()).isEqualTo("admin");
        });
        managementService.executeJob(reviewJob(id).getId());
        assertThat(tickets.find(id).orElseThrow().status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
    }

    /** A ticket stuck in review can still be withdrawn: its incident goes with the job, and so does the marker. */
    @Test
    void aTicketStuckInReviewIsWithdrawnAndShowsNothingStuck() {
        String id = stuckReview("stuck review, withdrawn");
        GO_INCEPTION.start();
        String processInstance = reviewJob(id).getProcessInstanceId();

        tickets.withdraw(id, "engineer");

        TicketRecord withdrawn = tickets.find(id).orElseThrow();
        assertThat(withdrawn.status()).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(withdrawn.stuckStep()).isNull();
        assertThat(withdrawn.stuckReason()).isNull();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(processInstance).count()).isZero();
    }

    /**
     * A process of the ticket model without a ticket row (started outside Tollgate's use cases, as an admin could in
     * Cockpit): its stuck job is Camunda's incident as before, and nothing Tollgate records may fail that.
     */
    @Test
    void aStuckJobOfAProcessWithoutATicketIsCamundasIncidentAsBefore() {
        String businessKey = "T-NO-ROW-" + java.util.UUID.randomUUID();
        // as a start outside Tollgate's use cases was before the model's start refused it (ADR 0060)
        String[] started = new String[1];
        io.tollgate.engine.deployment.RequestProcesses.start(() -> started[0] = runtimeService
                .startProcessInstanceByKey(io.tollgate.processes.ticket.SqlTicketProcess.KEY, businessKey).getId());
        String instance = started[0];
        Job review = managementService.createJobQuery().processInstanceId(instance).singleResult();

        managementService.setJobRetries(review.getId(), 0);

        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isOne();
        assertThat(tickets.find(businessKey)).isEmpty();
        managementService.setJobRetries(review.getId(), 1);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        runtimeService.deleteProcessInstance(instance, "test");
    }

    /** Submits a ticket while goInception is down and runs its review job until it has no retries left. */
    private String stuckReview(String title) {
        GO_INCEPTION.stop();
        String id = tickets.submit("engineer", new TicketDraft(title, BOTH, DB,
                "UPDATE gi_orders SET qty = 0 WHERE qty >= 0;", "stuck steps", ExecutionMode.AFTER_APPROVAL, null)).id();
        Job review = reviewJob(id);
        for (int attempt = 0; attempt < 10 && review.getRetries() > 0; attempt++) {
            String jobId = review.getId();
            assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("is unreachable");
            review = reviewJob(id);
        }
        assertThat(review.getRetries()).as("the review job ran out of retries").isZero();
        assertThat(runtimeService.createIncidentQuery().processInstanceId(review.getProcessInstanceId()).count())
                .as("Camunda's incident").isOne();
        return id;
    }

    /** The REST self-check reviews with the instance's backend too, and says "not reviewed" while it is down. */
    @Test
    void theRestSelfCheckUsesTheInstancesBackendAndIsNotAPassWhileGoInceptionIsDown() throws Exception {
        Http http = new Http(port);
        String body = "{\"sql\": \"UPDATE gi_orders SET qty = 0 WHERE qty >= 0;\", \"instance\": \"" + BOTH
                + "\", \"database\": \"" + DB + "\"}";
        var merged = http.send("POST", "/api/v1/review", "engineer", "engineer-demo", body);
        assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
        assertThat(merged.body()).contains("goinception.warning").contains("Update rows more then 10000.");

        GO_INCEPTION.stop();
        var down = http.send("POST", "/api/v1/review", "engineer", "engineer-demo", body);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":503").contains("goInception at " + GO_INCEPTION.url())
                .doesNotContain("\"errors\"").doesNotContain(TARGET.form("x", false).password());
        GO_INCEPTION.start();
    }

    @Test
    void dbasSetTheBackendOverRestOthersCannotAndBadValuesGetTheOneErrorShape() throws Exception {
        Http http = new Http(port);
        String path = "/api/v1/instances/" + BUILT_IN + "/review-backend";

        assertThat(http.get(path, "dba", "dba-demo").body()).contains("\"backend\":\"BUILT_IN\"")
                .contains("\"goInception\":\"answers\"");
        assertThat(http.send("PUT", path, "engineer", "engineer-demo", "{\"backend\":\"GOINCEPTION\"}").statusCode())
                .isEqualTo(403);
        var bad = http.send("PUT", path, "dba", "dba-demo", "{\"backend\":\"ANYTHING\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"backend\"").contains("BUILT_IN, GOINCEPTION or BOTH");
        assertThat(http.send("PUT", "/api/v1/instances/no-such/review-backend", "dba", "dba-demo",
                "{\"backend\":\"BOTH\"}").statusCode()).isEqualTo(404);
        assertThat(backends.of(BUILT_IN)).isEqualTo(ReviewBackend.BUILT_IN);

        var set = http.send("PUT", path, "dba", "dba-demo", "{\"backend\":\"GOINCEPTION\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(backends.of(BUILT_IN)).isEqualTo(ReviewBackend.GOINCEPTION);
        http.send("PUT", path, "admin", "admin-demo", "{\"backend\":\"BUILT_IN\"}");
        assertThat(backends.of(BUILT_IN)).isEqualTo(ReviewBackend.BUILT_IN);
    }

    private TicketRecord submitAndReview(String instance, String sql) {
        TicketRecord ticket = tickets.submit("engineer", new TicketDraft("goInception " + instance, instance, DB, sql,
                "issue 17", ExecutionMode.AFTER_APPROVAL, null));
        managementService.executeJob(reviewJob(ticket.id()).getId());
        return tickets.find(ticket.id()).orElseThrow();
    }

    private Job reviewJob(String ticketId) {
        String processInstance = historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ticketId)
                .singleResult().getId();
        List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstance).list();
        assertThat(jobs).as("the review job of " + ticketId).hasSize(1);
        return jobs.get(0);
    }

    private TicketTask task(String ticketId, TicketTask.Kind kind) {
        return tickets.openTasks(ticketId).stream().filter(t -> t.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " task on " + ticketId + ": "
                        + tickets.openTasks(ticketId)));
    }

}
