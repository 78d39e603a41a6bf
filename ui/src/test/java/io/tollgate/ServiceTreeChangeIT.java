package io.tollgate;

import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.mail.OutboxMailView;
import java.util.Optional;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeNotRecordedException;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.servicetree.ChangeFilter;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.Server;
import io.tollgate.integrations.servicetree.ServiceTreeChange;
import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.data.Stat;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code serviceTreeChange} process end to end: the whole application against a real ZooKeeper server this test
 * controls (Curator's TestingServer, so it can be stopped and restarted), with the job executor off so that each test
 * runs the apply job itself. Its own context, run first and closed afterwards: Camunda keeps one engine named
 * 'default' per JVM, so it must not overlap the shared {@link TollgateAppTest} context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "tollgate.sandbox.enabled=false",
        "tollgate.zookeeper.connection-timeout=3s",
        // an interrupted apply is looked for every second, once its marker is 3 s old (default: 10 s and 15 s)
        "tollgate.service-tree.audit.reconcile-interval=1s",
        "tollgate.service-tree.audit.apply-settle-time=3s",
        // a change whose process an admin ended is started anew within a second or two (default: 30 s)
        "tollgate.service-tree.audit.stranded-check=1s"})
@ContextConfiguration(initializers = FreshDataDir.class)
@DirtiesContext
@Order(0)
class ServiceTreeChangeIT {

    private static final TestingServer ZOOKEEPER = startZooKeeper();
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Autowired ServiceTreeChangeRequests requests;
    @Autowired ServiceTreeChanges changes;
    @Autowired ServiceTreeView view;
    @Autowired CuratorFramework curator;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;
    @Autowired ApplicationContext context;
    @Autowired Accounts accounts;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @Autowired Outbox outbox;
    @Autowired io.tollgate.engine.tasklist.Tasklist tasklist;
    @Value("${tollgate.service-tree.root-path}") String rootPath;
    @LocalServerPort int port;

    private static TestingServer startZooKeeper() {
        try {
            return new TestingServer(true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void zooKeeper(DynamicPropertyRegistry registry) {
        registry.add("tollgate.zookeeper.connect-string", ZOOKEEPER::getConnectString);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        ZOOKEEPER.close();
    }

    @BeforeEach
    void demoTreeLoaded() throws InterruptedException {
        assertThat(view.awaitLoaded(Duration.ofSeconds(20))).isTrue();
        // the demo tree's owners sign in like anyone else: a decision counts only from an account
        for (String owner : List.of("alice", "bob", "carol", "dave", "erin", "frank")) {
            if (accounts.find(owner).isEmpty()) {
                accounts.createLocal(owner, owner + "-password", owner, null, EnumSet.of(Role.ENGINEER));
            }
        }
        if (accounts.find("sre2").isEmpty()) {
            accounts.createLocal("sre2", "sre2-password", "Second SRE", null, EnumSet.of(Role.SRE));
        }
    }

    @AfterEach
    void signOut() {
        identityService.clearAuthentication();
    }

    // --- the gate (issue 12): Tollgate's own record decides, not the process

    @Test
    void theAppliedPlanIsTheApprovedOneWhateverThePlanVariableSays() throws Exception {
        long sh = idOf("/online/loki/api/sh");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), sh, Map.of("rack", "r-approved")));
        // someone rewrites the plan variable with another (valid) plan before the owner looks
        ChangePlan other = changes.validate(new ServiceTreeChange.SetAttributes(
                new ChangeMeta(outcome.changeId(), "engineer", "x"), sh,
                Map.of("rack", "r-evil")));
        runtimeService.setVariable(processInstanceId(outcome.changeId()), "plan", JSON.writeValueAsString(other));

        PendingApproval approval = pendingFor(outcome.changeId(), "bob", List.of());
        assertThat(approval.plan().diff()).contains("r-approved").doesNotContain("r-evil");
        requests.decide(approval.taskId(), "bob", List.of(), true, "fine");
        managementService.executeJob(applyJob(outcome.changeId()).getId());

        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(node(sh).path("attributes").path("rack").asText()).isEqualTo("r-approved");
    }

    @Test
    void aPlanAlteredInTollgatesTableAfterItsApprovalIsNotApplied() throws Exception {
        long sh = idOf("/online/loki/api/sh");
        String before = node(sh).path("attributes").path("rack").asText();
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), sh, Map.of("rack", "r-tampered-" + shortId())));
        requests.decide(pendingFor(outcome.changeId(), "bob", List.of()).taskId(), "bob", List.of(), true, "ok");
        jdbc.update("UPDATE service_tree_change SET plan_json = REPLACE(plan_json, 'r-tampered', 'r-other')"
                + " WHERE change_id = ?", outcome.changeId());

        managementService.executeJob(applyJob(outcome.changeId()).getId());

        assertThat(node(sh).path("attributes").path("rack").asText()).isEqualTo(before);
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.CONFLICT);
        assertThat(requests.find(outcome.changeId()).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                .contains(ChangeEventType.APPLY_REFUSED).doesNotContain(ChangeEventType.APPLIED);
    }

    @Test
    void theRequesterCannotApproveAfterOverwritingTheRequesterVariable() {
        long indexer = idOf("/online/search/indexer");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("erin"), indexer, Map.of("tier", "self-" + shortId())));
        String pid = processInstanceId(outcome.changeId());
        Task task = taskService.createTaskQuery().processInstanceId(pid)
                .taskDefinitionKey(Elements.TASK_OWNER_APPROVAL).singleResult();
        runtimeService.setVariable(pid, Variables.REQUESTER.name(), "somebody-else");
        taskService.setVariableLocal(task.getId(), Variables.REQUESTER.name(), "somebody-else");
        taskService.addCandidateUser(task.getId(), "erin");

        assertThatThrownBy(() -> requests.decide(task.getId(), "erin", List.of(), true, "mine"))
                .isInstanceOf(ApprovalRefusedException.class);
        identityService.setAuthentication("erin", List.of("engineer"));
        assertThatThrownBy(() -> taskService.complete(task.getId(), Variables.APPROVED.into(new HashMap<>(), true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.PENDING_APPROVAL);
    }

    /**
     * An owner's rejection is recorded as a rejection whatever an admin wrote on the task: a task-local
     * {@code approved} was read by the record and not by the process (a helper's finding on tickets; the same here).
     */
    @Test
    void aTaskLocalVariableAnAdminWroteIsNotTheOwnersDecision() throws Exception {
        long sh = idOf("/online/loki/api/sh");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), sh, Map.of("rack", "r-" + shortId())));
        PendingApproval approval = pendingFor(outcome.changeId(), "bob", List.of());
        taskService.setVariableLocal(approval.taskId(), Variables.APPROVED.name(), true);
        taskService.setVariableLocal(approval.taskId(), Variables.COMMENT.name(), 7);

        requests.decide(approval.taskId(), "bob", List.of(), false, "not this rack");

        ChangeRecord record = requests.find(outcome.changeId()).orElseThrow();
        assertThat(record.status()).isEqualTo(ChangeStatus.REJECTED);
        assertThat(record.events()).extracting(ChangeRecord.Event::type).contains(ChangeEventType.REJECTED)
                .doesNotContain(ChangeEventType.APPROVED);
        assertThat(record.events()).extracting(ChangeRecord.Event::remark).contains("not this rack");
    }

    @Test
    void aProcessOwnerCompletesNeitherStepOfACriticalChange() throws Exception {
        long leaf = createService(idOf("/online/search"), "gone-" + shortId());
        RequestOutcome outcome = requests.request(new ServiceTreeChange.Delete(meta("engineer"), leaf));
        assertThat(requests.find(outcome.changeId()).orElseThrow().critical()).isTrue();
        Task owner = taskService.createTaskQuery().processInstanceId(processInstanceId(outcome.changeId()))
                .taskDefinitionKey(Elements.TASK_OWNER_APPROVAL).singleResult();

        identityService.setAuthentication("process-owner", List.of("process-owner"));
        assertThatThrownBy(() -> taskService.complete(owner.getId(), Variables.APPROVED.into(new HashMap<>(), true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        identityService.clearAuthentication();
        // moved straight to the apply, as a modified model or Cockpit's modify would
        runtimeService.createProcessInstanceModification(processInstanceId(outcome.changeId()))
                .cancelAllForActivity(Elements.SUB_PROCESS_APPROVAL)
                .startBeforeActivity(Elements.TASK_APPLY_CHANGE).execute();
        managementService.executeJob(applyJob(outcome.changeId()).getId());

        assertThat(curator.checkExists().forPath(rootPath + "/nodes/" + leaf)).isNotNull();
        assertThat(requests.find(outcome.changeId()).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                .contains(ChangeEventType.APPLY_REFUSED).doesNotContain(ChangeEventType.APPLIED);
    }

    @Test
    void oneSreCannotGiveBothTheOwnerAndTheSreApprovalOfACriticalChange() throws Exception {
        long leaf = createService(idOf("/online/search"), "gone-" + shortId());
        RequestOutcome outcome = requests.request(new ServiceTreeChange.Delete(meta("engineer"), leaf));
        requests.decide(pendingFor(outcome.changeId(), "sre", List.of("sre")).taskId(), "sre", List.of("sre"), true,
                "as an owner");
        // the SRE step is not offered to the SRE who approved as an owner: it was, and their decision then refused
        assertThat(requests.pendingApprovals("sre", List.of("sre"))).extracting(PendingApproval::changeId)
                .doesNotContain(outcome.changeId());
        PendingApproval sreStep = pendingFor(outcome.changeId(), "sre2", List.of("sre"));
        assertThat(sreStep.step()).isEqualTo(PendingApproval.Step.SRE);

        assertThatThrownBy(() -> requests.decide(sreStep.taskId(), "sre", List.of("sre"), true, "as the SRE"))
                .isInstanceOf(ApprovalRefusedException.class).hasMessageContaining("needs someone else");
        assertThat(curator.checkExists().forPath(rootPath + "/nodes/" + leaf)).isNotNull();

        requests.decide(sreStep.taskId(), "sre2", List.of("sre"), true, "as the SRE");
        managementService.executeJob(applyJob(outcome.changeId()).getId());
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(curator.checkExists().forPath(rootPath + "/nodes/" + leaf)).isNull();
    }

    @Test
    void approvedChangeIsAppliedVerifiedAndAudited() throws Exception {
        long sh = idOf("/online/loki/api/sh");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), sh, Map.of("rack", "r12")));
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL);

        PendingApproval approval = pendingFor(outcome.changeId(), "bob", List.of());
        assertThat(approval.step()).isEqualTo(PendingApproval.Step.OWNER);
        assertThat(approval.plan().diff()).contains("rack");
        // the tasklist's row: the change's kind, for a label in the reader's language, and its reason
        assertThat(tasklist.tasksFor("bob", List.of())).filteredOn(t -> t.id().equals(approval.taskId()))
                .singleElement().satisfies(row -> {
                    assertThat(row.changeKind()).isEqualTo("setAttributes");
                    assertThat(row.subject()).isEqualTo("integration test");
                    assertThat(row.requester()).isEqualTo("engineer");
                });
        requests.decide(approval.taskId(), "bob", List.of(), true, "fine by me");
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPROVED);

        managementService.executeJob(applyJob(outcome.changeId()).getId());

        ChangeRecord record = requests.find(outcome.changeId()).orElseThrow();
        assertThat(record.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(record.appliedAt()).isNotNull();
        assertThat(record.afterJson()).contains("r12");
        assertThat(record.versionsJson()).contains("/nodes/" + sh);
        assertThat(record.events()).extracting(ChangeRecord.Event::type).containsExactly(ChangeEventType.REQUESTED,
                ChangeEventType.VALIDATED, ChangeEventType.APPROVED, ChangeEventType.APPLIED, ChangeEventType.VERIFIED);
        assertThat(record.events().get(2).actor()).isEqualTo("bob");
        assertThat(record.events().get(2).remark()).isEqualTo("fine by me");
        assertThat(requests.historyOf(sh)).extracting(ChangeRecord::changeId).contains(outcome.changeId());
        assertThat(node(sh).path("attributes").path("rack").asText()).isEqualTo("r12");
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_APPLIED);
    }

    /**
     * A node's history and one's own changes list the latest {@value ServiceTreeChangeRequests#MAX_LISTED} only: each
     * change holds its plan and the node before and after, and a busy node or requester gathers thousands, all read
     * into memory (and all rendered) whenever the page opened.
     */
    @Test
    void aNodesHistoryAndOnesOwnChangesListTheLatestOnly() {
        String requester = "bulk" + shortId();
        long node = 8_000_000_000L + System.nanoTime() % 1_000_000_000L;
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        int many = ServiceTreeChangeRequests.MAX_LISTED + 5;
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < many; i++) {
            java.sql.Timestamp at = java.sql.Timestamp.from(t0.plusSeconds(i));
            rows.add(new Object[] {requester + "-" + i, "setAttributes", node, requester, "bulk", "APPLIED", false,
                    "{}", at, at});
        }
        jdbc.batchUpdate("INSERT INTO service_tree_change (change_id, kind, node_id, requester, reason, status,"
                + " critical, change_json, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        try {
            List<ChangeRecord> mine = requests.requestedBy(requester);
            assertThat(mine).hasSize(ServiceTreeChangeRequests.MAX_LISTED);
            assertThat(mine.get(0).changeId()).isEqualTo(requester + "-" + (many - 1));
            assertThat(mine.get(mine.size() - 1).changeId()).isEqualTo(requester + "-5");
            List<ChangeRecord> history = requests.historyOf(node);
            assertThat(history).hasSize(ServiceTreeChangeRequests.MAX_LISTED);
            assertThat(history.get(0).changeId()).isEqualTo(requester + "-" + (many - 1));
        } finally {
            jdbc.update("DELETE FROM service_tree_change WHERE requester = ?", requester);
        }
    }

    /**
     * The approvals offered to someone list the newest {@value ServiceTreeChangeRequests#MAX_LISTED} they may decide:
     * every one offered was read, checked and its plan parsed whenever the list or the approvals page opened.
     */
    @Test
    void theApprovalsOfferedListTheNewestOnly() {
        long bj = idOf("/online/loki/api/bj");
        // three requesters, each well within the open changes one person may have
        List<String> requesters = List.of("bob", "engineer", "admin");
        List<String> requested = new ArrayList<>();
        Map<String, String> requesterOf = new java.util.HashMap<>();
        try {
            for (int i = 0; i < ServiceTreeChangeRequests.MAX_LISTED + 5; i++) {
                String requester = requesters.get(i % requesters.size());
                RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(meta(requester), bj,
                        Map.of("rack", "bulk-" + i)));
                assertThat(outcome.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL);
                requested.add(outcome.changeId());
                requesterOf.put(outcome.changeId(), requester);
            }

            List<PendingApproval> offered = requests.pendingApprovals("alice", List.of());

            assertThat(offered).hasSize(ServiceTreeChangeRequests.MAX_LISTED);
            assertThat(offered).extracting(PendingApproval::changeId).as("newest first").startsWith(
                    requested.get(requested.size() - 1)).doesNotContain(requested.get(0)).doesNotHaveDuplicates();
        } finally {
            requested.forEach(id -> requests.withdraw(id, requesterOf.get(id)));
        }
    }

    /**
     * A helper's engineer sent 120 refused 3 MB changes (each stored whole as the record of the attempt), and a list of
     * changes, the API's or the Tree changes page's, then ran the application out of memory for everyone. A change
     * larger than any valid one is refused before it is recorded, and lists carry no change, diff or nodes.
     */
    @Test
    void hugeChangesAreNotRecordedAndListsCarryNoChangeDiffOrNodes() {
        long bj = idOf("/online/loki/api/bj");
        Map<String, String> huge = new java.util.HashMap<>();
        for (int i = 0; i < 8_000; i++) {
            huge.put("k" + i, "v".repeat(80));
        }
        ServiceTreeChange tooLarge = new ServiceTreeChange.SetAttributes(meta("engineer"), bj, huge);
        assertThatThrownBy(() -> requests.request(tooLarge)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("more than any change may write").hasMessageContaining("nothing was recorded");
        assertThat(requests.find(tooLarge.meta().changeId())).isEmpty();

        // over a node's 256 KiB, within what is recorded: refused as invalid, its row keeps what was asked
        Map<String, String> large = new java.util.HashMap<>();
        for (int i = 0; i < 3_500; i++) {
            large.put("k" + i, "v".repeat(80));
        }
        RequestOutcome refused = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), bj, large));
        assertThat(refused.status()).isEqualTo(ChangeStatus.REFUSED_INVALID);
        assertThat(requests.find(refused.changeId()).orElseThrow().changeJson()).hasSizeGreaterThan(256 * 1024);

        ChangeRecord listed = requests.list("engineer", new ChangeFilter(java.util.Set.of(), "engineer", false, 500)).stream()
                .filter(c -> c.changeId().equals(refused.changeId())).findFirst().orElseThrow();
        assertThat(listed.status()).isEqualTo(ChangeStatus.REFUSED_INVALID);
        assertThat(listed.changeJson()).isNull();
        assertThat(listed.diff()).isNull();
        assertThat(requests.requestedBy("engineer")).filteredOn(c -> c.changeId().equals(refused.changeId()))
                .singleElement().satisfies(c -> assertThat(c.changeJson()).isNull());
        assertThat(requests.historyOf(bj)).allSatisfy(c -> {
            assertThat(c.changeJson()).isNull();
            assertThat(c.beforeJson()).isNull();
            assertThat(c.afterJson()).isNull();
        });
    }

    /**
     * A helper's admin deleted a pending change's process in Cockpit: the change stayed PENDING_APPROVAL for ever,
     * offered to nobody, and its requester's withdrawal was a 409 ("can no longer be withdrawn: it is
     * PENDING_APPROVAL") with an ERROR in the log. Its requester may still close it; nothing applies it.
     */
    @Test
    void aChangeWhoseProcessAnAdminDeletedIsStillItsRequestersToWithdraw() {
        long bj = idOf("/online/loki/api/bj");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), bj,
                Map.of("rack", "orphan")));
        assertThat(outcome.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL);
        runtimeService.deleteProcessInstance(processInstanceId(outcome.changeId()), "an admin in Cockpit");

        assertThatThrownBy(() -> requests.withdraw(outcome.changeId(), "bob")).as("still only its requester's")
                .isInstanceOf(NotAllowedException.class).hasMessageContaining("only engineer may withdraw");
        requests.withdraw(outcome.changeId(), "engineer");

        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.WITHDRAWN);
        assertThat(requests.find(outcome.changeId()).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                .contains(ChangeEventType.WITHDRAWN);
    }

    /** An admin's move of a change's process to its withdrawal in Cockpit is the admin's, not the requester's. */
    @Test
    void aWithdrawalAnAdminForcedInCockpitIsTheAdminsNotTheRequesters() {
        long leaf = createService(idOf("/online/search"), "forced-" + shortId());
        RequestOutcome forced = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), leaf,
                Map.of("rack", "r-forced")));
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        runtimeService.createProcessInstanceModification(processInstanceId(forced.changeId()))
                .cancelAllForActivity(Elements.SUB_PROCESS_APPROVAL)
                .startBeforeActivity(Elements.TASK_RECORD_WITHDRAWAL).execute();
        identityService.clearAuthentication();
        assertThat(status(forced.changeId())).isEqualTo(ChangeStatus.WITHDRAWN);
        assertThat(requests.find(forced.changeId()).orElseThrow().events())
                .filteredOn(e -> e.type() == ChangeEventType.WITHDRAWN).singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.remark()).isEqualTo("ended by admin's action in the engine (Cockpit), not withdrawn"
                            + " by its requester engineer");
                });

        RequestOutcome own = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), leaf,
                Map.of("rack", "r-own")));
        requests.withdraw(own.changeId(), "engineer");
        assertThat(requests.find(own.changeId()).orElseThrow().events())
                .filteredOn(e -> e.type() == ChangeEventType.WITHDRAWN).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("engineer"));
    }

    /**
     * An applied change's process is not started again by hand: Cockpit's restart at its validation made an applied
     * change "refused as invalid" (it would change nothing now) while the tree kept it.
     */
    @Test
    void anAppliedChangesProcessIsNotRestartedByHand() throws Exception {
        long leaf = createService(idOf("/online/search"), "applied-" + shortId());
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), leaf,
                Map.of("rack", "r-kept")));
        approve(outcome.changeId(), "sre", List.of("sre"));
        managementService.executeJob(applyJob(outcome.changeId()).getId());
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        String finished = processInstanceId(outcome.changeId());
        String definition = historyService.createHistoricProcessInstanceQuery().processInstanceId(finished)
                .singleResult().getProcessDefinitionId();
        int events = requests.find(outcome.changeId()).orElseThrow().events().size();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        assertThatThrownBy(() -> runtimeService.restartProcessInstances(definition)
                .startBeforeActivity(Elements.TASK_VALIDATE_CHANGE).processInstanceIds(finished)
                .initialSetOfVariables().execute())
                .hasMessageContaining(outcome.changeId() + " was started otherwise");
        identityService.clearAuthentication();

        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(requests.find(outcome.changeId()).orElseThrow().events()).hasSize(events);
        assertThat(node(leaf).path("attributes").path("rack").asText()).isEqualTo("r-kept");
    }

    /** Where a change waited when an admin deleted its process in Cockpit. */
    enum DeletedWhileWaiting {
        /** A critical change an owner approved: the SRE's approval was awaited. */
        FOR_THE_SRE_AFTER_AN_OWNER,
        /** Approved: its apply job was awaited. */
        FOR_ITS_APPLY,
        /** Approved and applied in ZooKeeper, the process deleted before the database recorded it. */
        FOR_ITS_APPLY_ALREADY_MADE_IN_ZOOKEEPER,
        /** The tree changed under it: its requester's decision was awaited. */
        FOR_ITS_REQUESTER_AFTER_A_CONFLICT
    }

    /**
     * A change whose process an admin deleted in Cockpit while it waited starts anew: before, a pending change stayed
     * pending offered to nobody, and an approved one stayed approved with nothing to apply it (not even its requester
     * could withdraw it). Approvals given on the deleted process do not count; an approved change is applied once.
     */
    @ParameterizedTest
    @EnumSource(DeletedWhileWaiting.class)
    void aChangeWhoseProcessAnAdminDeletedStartsAnew(DeletedWhileWaiting where) throws Exception {
        long leaf = createService(idOf("/online/search"), "stranded-" + shortId());
        String rack = "r-stranded-" + shortId();
        RequestOutcome outcome = where == DeletedWhileWaiting.FOR_THE_SRE_AFTER_AN_OWNER
                ? requests.request(new ServiceTreeChange.Delete(meta("engineer"), leaf))
                : requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), leaf, Map.of("rack", rack)));
        String changeId = outcome.changeId();
        switch (where) {
            case FOR_THE_SRE_AFTER_AN_OWNER -> {
                approve(changeId, "sre", List.of("sre"));
                assertThat(pendingFor(changeId, "sre2", List.of("sre")).step()).isEqualTo(PendingApproval.Step.SRE);
            }
            case FOR_ITS_APPLY -> approve(changeId, "sre", List.of("sre"));
            case FOR_ITS_APPLY_ALREADY_MADE_IN_ZOOKEEPER -> {
                approve(changeId, "sre", List.of("sre"));
                assertThat(changes.apply(readPlan(changeId)).applied()).isTrue();
            }
            case FOR_ITS_REQUESTER_AFTER_A_CONFLICT -> {
                approve(changeId, "sre", List.of("sre"));
                // the tree changes under the approved plan
                assertThat(changes.apply(changes.validate(new ServiceTreeChange.SetAttributes(meta("fixture"), leaf,
                        Map.of("rack", "r-meanwhile")))).applied()).isTrue();
                managementService.executeJob(applyJob(changeId).getId());
                assertThat(status(changeId)).isEqualTo(ChangeStatus.CONFLICT);
            }
        }
        String deleted = processInstanceId(changeId);
        runtimeService.deleteProcessInstance(deleted, "an admin in Cockpit", true);

        if (where == DeletedWhileWaiting.FOR_ITS_APPLY_ALREADY_MADE_IN_ZOOKEEPER) {
            // the look for interrupted applies or the apply started anew records it; either way once
            await().atMost(Duration.ofSeconds(30)).until(() -> status(changeId) == ChangeStatus.APPLIED
                    || applyJob(changeId) != null);
            if (status(changeId) != ChangeStatus.APPLIED) {
                managementService.executeJob(applyJob(changeId).getId());
            }
            assertThat(status(changeId)).isEqualTo(ChangeStatus.APPLIED);
            assertThat(node(leaf).path("attributes").path("rack").asText()).isEqualTo(rack);
            assertThat(requests.find(changeId).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                    .filteredOn(type -> type == ChangeEventType.APPLIED).hasSize(1);
            return;
        }
        String restarted = await().atMost(Duration.ofSeconds(30)).until(() -> processInstanceId(changeId),
                id -> !id.equals(deleted));
        assertThat(requests.find(changeId).orElseThrow().events()).filteredOn(e -> e.type()
                == ChangeEventType.PROCESS_RESTARTED).singleElement().satisfies(e -> assertThat(e.detail())
                .contains(switch (where) {
                    case FOR_THE_SRE_AFTER_AN_OWNER -> "approvals given before no longer count";
                    case FOR_ITS_APPLY -> "it is applied now, once";
                    default -> "it waits for them again";
                }));
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(changeId).count()).isOne();

        switch (where) {
            case FOR_THE_SRE_AFTER_AN_OWNER -> {
                assertThat(status(changeId)).isEqualTo(ChangeStatus.PENDING_APPROVAL);
                assertThat(pendingFor(changeId, "sre", List.of("sre")).step()).as("the owner's approval anew")
                        .isEqualTo(PendingApproval.Step.OWNER);
                assertThat(curator.checkExists().forPath(rootPath + "/nodes/" + leaf)).isNotNull();
                approve(changeId, "sre", List.of("sre"));
                approve(changeId, "sre2", List.of("sre"));
                managementService.executeJob(applyJob(changeId).getId());
                assertThat(status(changeId)).isEqualTo(ChangeStatus.APPLIED);
                assertThat(curator.checkExists().forPath(rootPath + "/nodes/" + leaf)).isNull();
            }
            case FOR_ITS_APPLY -> {
                assertThat(status(changeId)).isEqualTo(ChangeStatus.APPROVED);
                managementService.executeJob(applyJob(changeId).getId());
                assertThat(status(changeId)).isEqualTo(ChangeStatus.APPLIED);
                assertThat(node(leaf).path("attributes").path("rack").asText()).isEqualTo(rack);
            }
            default -> {
                assertThat(status(changeId)).isEqualTo(ChangeStatus.CONFLICT);
                assertThat(taskService.createTaskQuery().processInstanceId(restarted).singleResult()
                        .getTaskDefinitionKey()).isEqualTo(Elements.TASK_RESOLVE_CONFLICT);
                RequestOutcome again = requests.resolveConflict(changeId, "engineer", true);
                assertThat(again.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL);
                approve(changeId, "sre", List.of("sre"));
                managementService.executeJob(applyJob(changeId).getId());
                assertThat(node(leaf).path("attributes").path("rack").asText()).isEqualTo(rack);
            }
        }
        assertThat(requests.find(changeId).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                .filteredOn(type -> type == ChangeEventType.APPLIED).hasSize(1);
    }

    /**
     * One person may have {@code tollgate.service-tree.audit.max-open-per-requester} (100) changes open: a script gone
     * wrong would otherwise bury everyone's approvals under its own, since the approvals listed are the newest.
     */
    @Test
    void onePersonsOpenChangesAreCapped() {
        long bj = idOf("/online/loki/api/bj");
        String prefix = "open" + shortId();
        java.time.Instant at = java.time.Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            java.sql.Timestamp t = java.sql.Timestamp.from(at.plusSeconds(i));
            // changed "now" as far as the look for changes without a process can tell: rows written by hand have none
            java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now().plus(Duration.ofDays(1)));
            rows.add(new Object[] {prefix + "-" + i, "setAttributes", bj, "engineer", "bulk",
                    i % 3 == 0 ? "APPROVED" : i % 3 == 1 ? "CONFLICT" : "PENDING_APPROVAL", false, "{}", t, now});
        }
        jdbc.batchUpdate("INSERT INTO service_tree_change (change_id, kind, node_id, requester, reason, status,"
                + " critical, change_json, requested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        try {
            ServiceTreeChange.SetAttributes change = new ServiceTreeChange.SetAttributes(meta("engineer"), bj,
                    Map.of("rack", "one-too-many"));
            assertThatThrownBy(() -> requests.request(change)).isInstanceOf(NotAllowedException.class)
                    .hasMessageContaining("engineer has 10").hasMessageContaining("max-open-per-requester");
            assertThat(requests.find(change.meta().changeId())).as("nothing recorded").isEmpty();
            RequestOutcome other = requests.request(new ServiceTreeChange.SetAttributes(meta("bob"), bj,
                    Map.of("rack", "someone-else")));
            assertThat(other.status()).as("others are not held back").isEqualTo(ChangeStatus.PENDING_APPROVAL);
            requests.withdraw(other.changeId(), "bob");
        } finally {
            jdbc.update("DELETE FROM service_tree_change WHERE change_id LIKE ?", prefix + "-%");
        }
        RequestOutcome after = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), bj,
                Map.of("rack", "room-again")));
        assertThat(after.status()).isEqualTo(ChangeStatus.PENDING_APPROVAL);
        requests.withdraw(after.changeId(), "engineer");
    }

    @Test
    void requesterCannotApproveTheirOwnChange() {
        long bj = idOf("/online/loki/api/bj");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("bob"), bj, Map.of("rack", "r7")));

        assertThat(requests.pendingApprovals("bob", List.of("sre")))
                .extracting(PendingApproval::changeId).doesNotContain(outcome.changeId());
        PendingApproval approval = pendingFor(outcome.changeId(), "alice", List.of());
        assertThatThrownBy(() -> requests.decide(approval.taskId(), "bob", List.of("sre"), true, "mine"))
                .isInstanceOf(ApprovalRefusedException.class);

        // the engine refuses it too, whoever calls its Java API (or Cockpit's API as an admin, which ends up there)
        Task task = taskService.createTaskQuery().taskId(approval.taskId()).singleResult();
        assertThat(taskService.getIdentityLinksForTask(task.getId()))
                .noneMatch(link -> "bob".equals(link.getUserId()));
        assertThatThrownBy(() -> taskService.setAssignee(task.getId(), "bob"))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        Map<String, Object> approve = Variables.APPROVED.into(new HashMap<>(), true);
        assertThatThrownBy(() -> taskService.complete(task.getId(), approve))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.PENDING_APPROVAL);

        // nor may anyone complete an approval outside Tollgate's decision, even the owner it is assigned to
        taskService.setAssignee(task.getId(), "alice");
        assertThatThrownBy(() -> taskService.complete(task.getId()))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.complete(task.getId(), approve))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class)
                .rootCause().hasMessageContaining("counts only when decided in Tollgate");

        requests.decide(approval.taskId(), "alice", List.of(), false, "not now");
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.REJECTED);
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_REJECTED);
    }

    @Test
    void requesterCannotApproveTheirOwnChangeThroughCamundasRestApiEither() throws Exception {
        long bj = idOf("/online/loki/web/bj");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("admin"), bj, Map.of("rack", "r3")));
        String taskId = pendingFor(outcome.changeId(), "alice", List.of()).taskId();

        // /engine-rest completes no task at all, for admins neither (ADR 0010); the engine's own four-eyes check
        // behind it is the Java API test above
        HttpResponse<String> response = new Http(port).postJson("/engine-rest/task/" + taskId + "/complete",
                "admin", "admin-demo", "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(response.body()).contains("is for Camunda Modeler and for reading");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.PENDING_APPROVAL);

        // the tickets' task endpoint says where a tree approval is decided (it said "no longer open")
        HttpResponse<String> misdirected = new Http(port).postJson("/api/v1/tasks/" + taskId + "/decision",
                "alice", "alice-password", "{\"approve\": true, \"comment\": \"ok\"}");
        assertThat(misdirected.statusCode()).as(misdirected.body()).isEqualTo(409);
        assertThat(misdirected.body()).contains("not a SQL ticket's task", "/api/v1/service-tree/approvals/" + taskId
                + "/decision").doesNotContain("no longer open");
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.PENDING_APPROVAL);
    }

    @Test
    void deletingANonEmptyNodeIsRefusedAtValidation() throws Exception {
        long web = idOf("/online/loki/web");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.Delete(meta("engineer"), web));

        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(ChangeStatus.REFUSED_INVALID);
        assertThat(outcome.violations()).singleElement().asString().contains("only an empty leaf can be deleted");
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_REFUSED_INVALID);
        assertThat(node(web).path("name").asText()).isEqualTo("web");
    }

    @Test
    void crossedMovesApprovedTogetherApplyExactlyOnceAndLeaveNoCycle() throws Exception {
        long search = idOf("/online/search");
        long a = createService(search, "a-" + shortId());
        long b = createService(search, "b-" + shortId());
        RequestOutcome aUnderB = requests.request(new ServiceTreeChange.Move(meta("engineer"), a, b));
        RequestOutcome bUnderA = requests.request(new ServiceTreeChange.Move(meta("engineer"), b, a));
        for (RequestOutcome move : List.of(aUnderB, bUnderA)) {
            assertThat(move.accepted()).as(move.violations().toString()).isTrue();
            requests.decide(pendingFor(move.changeId(), "erin", List.of()).taskId(), "erin", List.of(), true, "ok");
        }

        List<String> jobs = List.of(applyJob(aUnderB.changeId()).getId(), applyJob(bUnderA.changeId()).getId());
        runTogether(jobs);

        List<ChangeStatus> statuses = List.of(status(aUnderB.changeId()), status(bUnderA.changeId()));
        assertThat(statuses).containsExactlyInAnyOrder(ChangeStatus.APPLIED, ChangeStatus.CONFLICT);
        String conflicted = statuses.get(0) == ChangeStatus.CONFLICT ? aUnderB.changeId() : bUnderA.changeId();
        Task resolve = taskService.createTaskQuery().processInstanceBusinessKey(conflicted).singleResult();
        assertThat(resolve.getTaskDefinitionKey()).isEqualTo(Elements.TASK_RESOLVE_CONFLICT);
        assertThat(resolve.getAssignee()).isEqualTo("engineer");
        assertThat(requests.find(conflicted).orElseThrow().events()).extracting(ChangeRecord.Event::type)
                .contains(ChangeEventType.CONFLICT);

        long parentOfA = node(a).path("parentId").asLong();
        long parentOfB = node(b).path("parentId").asLong();
        assertThat((parentOfA == b && parentOfB == search) || (parentOfB == a && parentOfA == search))
                .as("one node moved under the other, the other stayed: A under %s, B under %s", parentOfA, parentOfB)
                .isTrue();
        assertReachesTheRoot(a);
        assertReachesTheRoot(b);

        RequestOutcome again = requests.resolveConflict(conflicted, "engineer", true);
        assertThat(again.status()).isEqualTo(ChangeStatus.REFUSED_INVALID);
        assertThat(again.violations()).isNotEmpty();
        assertThat(endedAt(conflicted)).isEqualTo(Elements.END_EVENT_REFUSED_INVALID);
    }

    @Test
    void applyJobRunTwiceAppliesOnce() throws Exception {
        long sz = idOf("/online/支付/gateway/sz");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetOwners(
                meta("engineer"), sz, List.of("user:frank")));
        requests.decide(pendingFor(outcome.changeId(), "dave", List.of()).taskId(), "dave", List.of(), true, null);
        int version = version(sz);

        // a first run of the job applied the change in ZooKeeper, then lost its database transaction
        assertThat(changes.apply(readPlan(outcome.changeId())).applied()).isTrue();
        // the job runs again
        managementService.executeJob(applyJob(outcome.changeId()).getId());

        assertThat(version(sz)).isEqualTo(version + 1);
        ChangeRecord record = requests.find(outcome.changeId()).orElseThrow();
        assertThat(record.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(record.events()).filteredOn(e -> e.type() == ChangeEventType.APPLIED).singleElement()
                .extracting(ChangeRecord.Event::remark).isEqualTo("applied by an earlier attempt");
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_APPLIED);
    }

    @Test
    void zooKeeperRestartedDuringApplyIsRetriedAndAppliesOnce() throws Exception {
        long indexer = idOf("/online/search/indexer");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), indexer, Map.of("tier", "gold")));
        requests.decide(pendingFor(outcome.changeId(), "erin", List.of()).taskId(), "erin", List.of(), true, null);
        int version = version(indexer);
        Job job = applyJob(outcome.changeId());

        ZOOKEEPER.stop();
        try {
            assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("safe to retry");
        } finally {
            ZOOKEEPER.restart();
        }
        assertThat(curator.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
        Job retry = applyJob(outcome.changeId());
        assertThat(retry.getRetries()).isEqualTo(4);
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPROVED);

        managementService.executeJob(retry.getId());

        assertThat(version(indexer)).isEqualTo(version + 1);
        assertThat(node(indexer).path("attributes").path("tier").asText()).isEqualTo("gold");
        assertThat(requests.find(outcome.changeId()).orElseThrow().events())
                .filteredOn(e -> e.type() == ChangeEventType.APPLIED).hasSize(1);
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_APPLIED);
    }

    /**
     * An apply out of retries is an incident. The change shows the stuck step and why, the SREs and the requester are
     * mailed, the requester and admins cannot retry it in Tollgate, and an SRE's retry applies it once (ADR 0052).
     */
    @Test
    void anApplyOutOfRetriesIsStuckOnTheChangeUntilAnSreRetriesIt() throws Exception {
        long leaf = createService(idOf("/online/search"), "stuck-" + shortId());
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), leaf, Map.of("tier", "stuck")));
        approve(outcome.changeId(), "erin", List.of());
        int version = version(leaf);
        // the apply out of retries, as five failed tries leave it (ZooKeeper down for minutes; each try fails after
        // some 12 s of Curator's own retries, so here an operator gives up in Cockpit: the same incident, at once)
        String apply = applyJob(outcome.changeId()).getId();
        managementService.setJobRetries(apply, 0);

        ChangeRecord stuck = requests.find(outcome.changeId()).orElseThrow();
        assertThat(stuck.status()).isEqualTo(ChangeStatus.APPROVED);
        assertThat(stuck.stuckStep()).isEqualTo("Apply the change in ZooKeeper");
        assertThat(stuck.stuckReason()).isEqualTo("no failure was recorded (its retries were set to 0)");
        assertThat(stuck.events()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ChangeEventType.STEP_STUCK);
            assertThat(e.remark()).isEqualTo("\"Apply the change in ZooKeeper\" failed after all its retries;"
                    + " nothing moves until an SRE retries it");
        });
        assertThat(outbox.list(Optional.empty(), 1000))
                .filteredOn(m -> m.link().endsWith("/service-tree/changes/" + outcome.changeId()))
                .filteredOn(m -> m.kind() == MailKind.STEP_STUCK).extracting(OutboxMailView::recipient)
                .contains("engineer", "sre");

        Http http = new Http(port);
        // an SRE finds it in the list of stuck changes without the mail; the list and its filters are readers'
        String stuckList = "/api/v1/service-tree/changes?all=true&stuck=true&limit=500";
        assertThat(changeIds(http.get(stuckList, "sre", "sre-demo"))).contains(outcome.changeId());
        assertThat(changeIds(http.get(stuckList + "&status=APPROVED&requester=engineer", "auditor", "auditor-demo")))
                .contains(outcome.changeId());
        assertThat(changeIds(http.get(stuckList + "&status=PENDING_APPROVAL", "sre", "sre-demo")))
                .doesNotContain(outcome.changeId());
        assertThat(changeIds(http.get(stuckList + "&requester=sre", "sre", "sre-demo")))
                .doesNotContain(outcome.changeId());
        assertThat(changeIds(http.get("/api/v1/service-tree/changes?stuck=true", "engineer", "engineer-demo")))
                .as("the requester's own list, stuck ones").contains(outcome.changeId());
        assertThat(changeIds(http.get("/api/v1/service-tree/changes?stuck=true", "sre", "sre-demo")))
                .as("the SRE's own list").doesNotContain(outcome.changeId());
        assertThat(http.get(stuckList, "reviewer", "reviewer-demo").statusCode())
                .as("a reviewer neither reads the tree's audits nor all history").isEqualTo(403);
        String retry = "/api/v1/service-tree/changes/" + outcome.changeId() + "/stuck-step/retry";
        for (String user : List.of("engineer", "admin")) {
            var refused = http.postJson(retry, user, user + "-demo", "{}");
            assertThat(refused.statusCode()).as(user + ": " + refused.body()).isEqualTo(403);
        }
        assertThat(http.postJson("/api/v1/service-tree/changes/no-such/stuck-step/retry", "sre", "sre-demo", "{}")
                .statusCode()).isEqualTo(404);
        var retried = http.postJson(retry, "sre", "sre-demo", "{}");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(204);
        ChangeRecord moving = requests.find(outcome.changeId()).orElseThrow();
        assertThat(moving.stuckStep()).isNull();
        assertThat(moving.events()).last().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ChangeEventType.STEP_RETRIED);
            assertThat(e.actor()).isEqualTo("sre");
        });
        assertThat(http.postJson(retry, "sre", "sre-demo", "{}").statusCode()).as("nothing stuck now").isEqualTo(409);
        assertThat(changeIds(http.get(stuckList, "sre", "sre-demo"))).doesNotContain(outcome.changeId());

        managementService.executeJob(applyJob(outcome.changeId()).getId());
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(version(leaf)).isEqualTo(version + 1);
        assertThat(node(leaf).path("attributes").path("tier").asText()).isEqualTo("stuck");
    }

    /**
     * ADR 0058: a model that makes the requester's "re-validate or withdraw" task the owner approval, assigned to an
     * SRE and approved by input parameters. Before ADR 0058 the requester's resolution was recorded as the SRE's and
     * the change applied; then the record listener credited it to nobody. Now the guard refuses the model itself: an
     * approval keeps its task's id, and no model assigns one.
     */
    @Test
    void aDeployedModelCannotForgeAnOwnersApproval() throws Exception {
        byte[] model;
        try (var in = getClass().getResourceAsStream("/attack/forged-approval-serviceTreeChange.xml")) {
            model = in.readAllBytes();
        }
        long versions = repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ServiceTreeChangeProcess.KEY).count();
        var deployed = new Http(port).postMultipart("/engine-rest/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "forged-owner"}}, "serviceTreeChange.bpmn",
                model);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(400);
        assertThat(deployed.body()).contains(Elements.TASK_RESOLVE_CONFLICT + ": is the owner approval, whose task"
                + " Tollgate's tasklist, API and checks know as " + Elements.TASK_OWNER_APPROVAL);
        assertThat(repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(ServiceTreeChangeProcess.KEY).count()).isEqualTo(versions);
    }

    @Test
    void requesterWithdrawsAPendingChange() {
        long gz = idOf("/online/支付/gateway/gz");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), gz, Map.of("note", "withdrawn")));

        assertThatThrownBy(() -> requests.withdraw(outcome.changeId(), "dave"))
                .hasMessageContaining("only engineer");
        requests.withdraw(outcome.changeId(), "engineer");

        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.WITHDRAWN);
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_WITHDRAWN);
        assertThat(requests.requestedBy("engineer")).extracting(ChangeRecord::changeId).contains(outcome.changeId());
    }

    @Test
    void everyDelegateAndListenerOfEveryDeployedModelIsABean() {
        List<String> expressions = new ArrayList<>();
        repositoryService.createProcessDefinitionQuery().latestVersion().list().stream()
                .map(definition -> repositoryService.getBpmnModelInstance(definition.getId()))
                .forEach(model -> {
                    model.getModelElementsByType(ServiceTask.class)
                            .forEach(task -> expressions.add(task.getCamundaDelegateExpression()));
                    model.getModelElementsByType(CamundaTaskListener.class)
                            .forEach(listener -> expressions.add(listener.getCamundaDelegateExpression()));
                });

        assertThat(expressions).isNotEmpty().allSatisfy(expression -> {
            assertThat(expression).matches("\\$\\{\\w+}");
            assertThat(context.containsBean(expression.substring(2, expression.length() - 1))).as(expression).isTrue();
        });
    }

    // --- changes of any size (issue 13): the plan lives in Tollgate's table, never in a process variable

    @Test
    void aServiceWithAThousandIdcsAndTheirServersMovesLikeASmallChange() throws Exception {
        long big = createService(idOf("/online/search"), "big-" + shortId());
        idcWithServers(big, "idc-0", 1800);
        for (int i = 1; i < 1000; i++) {
            createService(big, "idc-" + i);
        }
        long loki = idOf("/online/loki");
        // the impact comes from the read cache, which follows ZooKeeper
        await().atMost(Duration.ofSeconds(20)).until(() -> view.impact(big).nodes() == 1001);

        RequestOutcome outcome = requests.request(new ServiceTreeChange.Move(meta("engineer"), big, loki));

        assertThat(outcome.accepted()).as(outcome.violations().toString()).isTrue();
        assertThat(planJson(outcome.changeId())).hasSizeGreaterThan(4000);
        assertThat(pendingFor(outcome.changeId(), "erin", List.of()).plan().impact().servers()).hasSize(1800);
        approve(outcome.changeId(), "erin", List.of());
        approve(outcome.changeId(), "sre", List.of("sre"));
        managementService.executeJob(applyJob(outcome.changeId()).getId());

        ChangeRecord record = requests.find(outcome.changeId()).orElseThrow();
        assertThat(record.status()).isEqualTo(ChangeStatus.APPLIED);
        assertThat(record.events()).extracting(ChangeRecord.Event::type)
                .contains(ChangeEventType.APPLIED, ChangeEventType.VERIFIED);
        assertThat(node(big).path("parentId").asLong()).isEqualTo(loki);
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_APPLIED);
        assertEveryVariableIsSmall(outcome.changeId());
    }

    @Test
    void aServerBoundToAnIdcThatHasManyIsRequestedAuditedAndApplied() throws Exception {
        long idc = idcWithServers(createService(idOf("/online/search"), "bind-" + shortId()), "bj", 40);

        RequestOutcome outcome = requests.request(new ServiceTreeChange.BindServers(meta("engineer"), idc,
                List.of(new Server("one-more", false, BigDecimal.ZERO))));

        assertThat(outcome.accepted()).as(outcome.violations().toString()).isTrue();
        assertThat(planJson(outcome.changeId())).hasSizeGreaterThan(4000);
        approve(outcome.changeId(), "erin", List.of());
        managementService.executeJob(applyJob(outcome.changeId()).getId());
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(node(idc).path("servers")).hasSize(41);
        assertEveryVariableIsSmall(outcome.changeId());
    }

    @Test
    void attributesOfAProductLineWithEighteenHundredServersBelowAreApplied() throws Exception {
        long line = createService(view.root().orElseThrow().node().id(), "line-" + shortId());
        idcWithServers(createService(line, "service"), "bj", 1800);
        await().atMost(Duration.ofSeconds(20)).until(() -> view.impact(line).servers().size() == 1800);

        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(meta("engineer"), line,
                Map.of("cost-center", "big-1")));

        assertThat(outcome.accepted()).as(outcome.violations().toString()).isTrue();
        assertThat(pendingFor(outcome.changeId(), "sre", List.of("sre")).plan().impact().servers()).hasSize(1800);
        approve(outcome.changeId(), "sre", List.of("sre"));
        approve(outcome.changeId(), "sre2", List.of("sre"));
        managementService.executeJob(applyJob(outcome.changeId()).getId());
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPLIED);
        assertThat(node(line).path("attributes").path("cost-center").asText()).isEqualTo("big-1");
        assertEveryVariableIsSmall(outcome.changeId());
    }

    @Test
    void aLargeChangeIsRequestedOverTheApiAndReadBack() throws Exception {
        long idc = idcWithServers(createService(idOf("/online/search"), "api-" + shortId()), "bj", 1800);
        String body = "{\"kind\": \"bindServers\", \"nodeId\": " + idc + ", \"reason\": \"more capacity\","
                + " \"servers\": [{\"hostname\": \"extra-01\", \"trafficRatio\": 0}]}";

        HttpResponse<String> response = new Http(port).postJson("/api/v1/service-tree/changes", "engineer",
                "engineer-demo", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String changeId = JSON.readTree(response.body()).path("changeId").asText();
        assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/service-tree/changes/" + changeId);
        HttpResponse<String> read = new Http(port).get("/api/v1/service-tree/changes/" + changeId, "auditor",
                "auditor-demo");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("requester").asText()).isEqualTo("engineer");
        assertThat(JSON.readTree(read.body()).path("reason").asText()).isEqualTo("more capacity");
    }

    @Test
    void anInvalidChangeOverTheApiIsRefusedWithItsViolations() throws Exception {
        long web = idOf("/online/loki/web");
        HttpResponse<String> response = new Http(port).postJson("/api/v1/service-tree/changes", "engineer",
                "engineer-demo", "{\"kind\": \"delete\", \"nodeId\": " + web + ", \"reason\": \"tidy up\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("message").asText()).contains("refused");
        assertThat(problem.path("problems").get(0).asText()).contains("only an empty leaf can be deleted");
        assertThat(new Http(port).postJson("/api/v1/service-tree/changes", "engineer", "engineer-demo",
                "{\"kind\": \"teleport\", \"reason\": \"x\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void aRequestThatCannotBeRecordedIsAnErrorThePersonSees() throws Exception {
        long sh = idOf("/online/loki/api/sh");
        String reason = "unrecorded-" + shortId();
        ZOOKEEPER.stop();
        try {
            HttpResponse<String> response = new Http(port).postJson("/api/v1/service-tree/changes", "engineer",
                    "engineer-demo", "{\"kind\": \"setAttributes\", \"nodeId\": " + sh + ", \"reason\": \""
                            + reason + "\", \"attributes\": {\"rack\": \"r1\"}}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("message").asText())
                    .contains("was not recorded").contains("try again");

            assertThatThrownBy(() -> requests.request(new ServiceTreeChange.SetAttributes(
                    ServiceTreeChangeRequests.newChange("engineer", reason), sh, Map.of("rack", "r1"))))
                    .isInstanceOf(ChangeNotRecordedException.class)
                    .hasMessageContaining("was not recorded").hasMessageContaining("try again");
        } finally {
            ZOOKEEPER.restart();
        }
        assertThat(curator.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM service_tree_change WHERE reason = ?", Integer.class,
                reason)).isZero();
    }

    // --- a crash during the apply (issue 13)

    @Test
    void anApplyInterruptedAfterZooKeeperCommittedIsRecordedAsAppliedWithoutWaitingForTheJobLock() throws Exception {
        long gz = idOf("/online/支付/gateway/gz");
        RequestOutcome outcome = requests.request(new ServiceTreeChange.SetAttributes(
                meta("engineer"), gz, Map.of("note", "crash-" + shortId())));
        approve(outcome.changeId(), "dave", List.of());

        // the job applied the change in ZooKeeper, then its node died before the database commit: the job stays
        // locked (here: not run) for the job executor's lock time, and the audit still says APPROVED
        assertThat(changes.apply(readPlan(outcome.changeId())).applied()).isTrue();
        assertThat(status(outcome.changeId())).isEqualTo(ChangeStatus.APPROVED);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(outcome.changeId()) == ChangeStatus.APPLIED);
        assertThat(requests.find(outcome.changeId()).orElseThrow().events())
                .filteredOn(e -> e.type() == ChangeEventType.APPLIED).singleElement()
                .extracting(ChangeRecord.Event::remark).isEqualTo("applied by an earlier attempt");

        // the job's lock expires and it runs again: nothing applied or recorded twice
        managementService.executeJob(applyJob(outcome.changeId()).getId());
        ChangeRecord record = requests.find(outcome.changeId()).orElseThrow();
        assertThat(record.events()).filteredOn(e -> e.type() == ChangeEventType.APPLIED).hasSize(1);
        assertThat(record.events()).extracting(ChangeRecord.Event::type).contains(ChangeEventType.VERIFIED);
        assertThat(endedAt(outcome.changeId())).isEqualTo(Elements.END_EVENT_APPLIED);
    }

    // --- helpers


    private static ChangeMeta meta(String requester) {
        return ServiceTreeChangeRequests.newChange(requester, "integration test");
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private long idOf(String path) {
        NodeView node = view.root().orElseThrow();
        String[] names = path.split("/");
        for (int i = 2; i < names.length; i++) {
            String name = names[i];
            node = view.children(node.node().id()).stream().filter(c -> c.node().name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + path));
        }
        return node.node().id();
    }

    /** A fixture node, created without the process. */
    private long createService(long parent, String name) {
        ChangePlan plan = changes.validate(new ServiceTreeChange.Create(meta("fixture"), parent, name, null, null));
        assertThat(changes.apply(plan).applied()).isTrue();
        return plan.after().get(0).node().id();
    }

    private PendingApproval pendingFor(String changeId, String approver, List<String> groups) {
        return requests.pendingApprovals(approver, groups).stream().filter(p -> p.changeId().equals(changeId))
                .findFirst().orElseThrow(() -> new AssertionError(changeId + " is not offered to " + approver));
    }

    private ChangeStatus status(String changeId) {
        return requests.find(changeId).orElseThrow().status();
    }

    /** The change's running process, else its latest (a process started anew after an admin ended one). */
    private String processInstanceId(String changeId) {
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(changeId)
                .processDefinitionKey(ServiceTreeChangeProcess.KEY).orderByProcessInstanceStartTime().desc()
                .listPage(0, 1).get(0).getId();
    }

    private Job applyJob(String changeId) {
        return managementService.createJobQuery().processInstanceId(processInstanceId(changeId))
                .activityId(Elements.TASK_APPLY_CHANGE).singleResult();
    }

    /** The validated plan, from the change's row: the only place it is kept. */
    private ChangePlan readPlan(String changeId) throws Exception {
        return JSON.readValue(planJson(changeId), ChangePlan.class);
    }

    private String planJson(String changeId) {
        return jdbc.queryForObject("SELECT plan_json FROM service_tree_change WHERE change_id = ?", String.class,
                changeId);
    }

    /** Every variable the change's process ever had is small: nothing of unbounded size goes into Camunda. */
    private void assertEveryVariableIsSmall(String changeId) {
        List<HistoricVariableInstance> variables = historyService.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId(changeId)).list();
        assertThat(variables).isNotEmpty().allSatisfy(variable -> assertThat(String.valueOf(variable.getValue()))
                .as(variable.getName()).hasSizeLessThan(1000));
    }

    /** A fixture IDC with {@code count} servers, created and bound without the process. */
    private long idcWithServers(long service, String name, int count) {
        long idc = createService(service, name);
        List<Server> servers = IntStream.range(0, count)
                .mapToObj(i -> new Server(name + "-host-" + i, false, BigDecimal.ZERO)).toList();
        ChangePlan plan = changes.validate(new ServiceTreeChange.BindServers(meta("fixture"), idc, servers));
        assertThat(plan.violations()).isEmpty();
        assertThat(changes.apply(plan).applied()).isTrue();
        return idc;
    }

    private void approve(String changeId, String approver, List<String> groups) {
        requests.decide(pendingFor(changeId, approver, groups).taskId(), approver, groups, true, "ok");
    }

    private String endedAt(String changeId) {
        String pid = processInstanceId(changeId);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult()
                .getEndTime()).as("ended").isNotNull();
        return historyService.createHistoricActivityInstanceQuery().processInstanceId(pid).activityType("noneEndEvent")
                .list().stream().filter(a -> a.getParentActivityInstanceId().equals(pid)).findFirst()
                .orElseThrow().getActivityId();
    }

    private JsonNode node(long id) throws Exception {
        return JSON.readTree(new String(curator.getData().forPath(rootPath + "/nodes/" + id), StandardCharsets.UTF_8));
    }

    private int version(long id) throws Exception {
        Stat stat = curator.checkExists().forPath(rootPath + "/nodes/" + id);
        return stat.getVersion();
    }

    private void assertReachesTheRoot(long id) throws Exception {
        List<Long> seen = new ArrayList<>();
        JsonNode node = node(id);
        while (!node.path("parentId").isNull() && !node.path("parentId").isMissingNode()) {
            long parent = node.path("parentId").asLong();
            assertThat(seen).as("cycle through " + parent).doesNotContain(parent);
            seen.add(parent);
            node = node(parent);
        }
    }

    /** Executes the jobs at the same time, as two cluster nodes would. */
    private void runTogether(List<String> jobIds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(jobIds.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (String jobId : jobIds) {
                runs.add(pool.submit(() -> {
                    start.await();
                    managementService.executeJob(jobId);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> changeIds(java.net.http.HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body())
                .forEach(change -> ids.add(change.path("changeId").asText()));
        return ids;
    }
}
