package io.tollgate.engine.tasklist.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import io.tollgate.engine.approval.RequestFacts;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskHandedOver;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.tasklist.TaskOffer;
import io.tollgate.engine.tasklist.TaskSummary;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim rules and the task events on a real in-memory engine (no Spring): a ticket-shaped process with the
 * reviewer approval offered to group {@code reviewer} and the Execute task assigned by the process to the submitter;
 * who asked and what a row shows of the ticket come from stand-ins for Tollgate's rows, never from variables.
 */
class CamundaTasklistTest {

    private static final List<String> REVIEWERS = List.of("reviewer");
    private static final String SUBMITTED_BY = "erin";
    private static final CamundaTaskEvents EVENTS = new CamundaTaskEvents(io.tollgate.engine.cluster.ClusterSignals.alone());
    private static ProcessEngine engine;
    private static CamundaTasklist tasklist;
    /** What the tasklist published for the trail. */
    private static final List<Object> HANDOVERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private String ticketId;

    @BeforeAll
    static void startEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName("tasklist-" + UUID.randomUUID());
        configuration.setJdbcUrl("jdbc:h2:mem:tasklist-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setProcessEnginePlugins(List.of(EVENTS));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance("ticket.bpmn",
                Bpmn.createExecutableProcess(SqlTicketProcess.KEY).name("SQL ticket").startEvent()
                        .parallelGateway("fork")
                        .userTask(Elements.TASK_REVIEWER_APPROVAL).name("Approve").camundaCandidateGroups("reviewer")
                        .endEvent()
                        .moveToNode("fork")
                        .userTask(Elements.TASK_CONFIRM_EXECUTION).name("Execute").camundaAssignee("${submitter}")
                        .endEvent().done()).deploy();
        // who submitted each ticket, as Tollgate's rows would say (the variable is never asked)
        tasklist = new CamundaTasklist(engine.getTaskService(), engine.getRepositoryService(),
                engine.getRuntimeService(), engine.getManagementService(), (processKey, keys) -> SqlTicketProcess.KEY.equals(processKey)
                        ? keys.stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> SUBMITTED_BY))
                        : Map.of(), List.of(ROWS), PEOPLE, HANDOVERS::add,
                (processKey, businessKey, task, person) -> java.util.Optional.empty());
    }

    /** What each ticket's row says, by ticket id (the variables, set otherwise, are never asked). */
    private static final Map<String, RequestFacts.Facts> RECORDED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final RequestFacts ROWS = new RequestFacts() {
        @Override
        public String processKey() {
            return SqlTicketProcess.KEY;
        }

        @Override
        public Map<String, Facts> of(java.util.Collection<String> ids) {
            Map<String, Facts> known = new HashMap<>();
            ids.forEach(id -> java.util.Optional.ofNullable(RECORDED.get(id)).ifPresent(f -> known.put(id, f)));
            return known;
        }
    };

    /** The accounts: rita, rob and erin review, dana is a DBA, anne an admin; nobody else has an account. */
    private static final People PEOPLE = new People() {
        private final Map<String, List<String>> groups = Map.of("rita", List.of("reviewer"), "rob",
                List.of("reviewer"), "erin", List.of("reviewer", "engineer"), "dana", List.of("dba"),
                "anne", List.of("admin"));

        @Override
        public java.util.Optional<List<String>> groupsOf(String username) {
            return java.util.Optional.ofNullable(groups.get(username));
        }

        @Override
        public List<String> membersOf(java.util.Collection<String> wanted) {
            return groups.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(wanted::contains))
                    .map(Map.Entry::getKey).sorted().toList();
        }
    };

    @AfterAll
    static void stopEngine() {
        engine.close();
        EVENTS.destroy();
    }

    @BeforeEach
    void submitTicket() {
        ticketId = "T-" + UUID.randomUUID();
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, SUBMITTED_BY);
        variables.put("title", "rewritten"); // a variable a model or an admin could write: no card reads it
        Variables.RISK_LEVEL.into(variables, "NONE");
        RECORDED.put(ticketId, new RequestFacts.Facts("Mark order 4 paid", null, "LOW", "orders-db", "DEV", null, 1L));
        engine.getRuntimeService().startProcessInstanceByKey(SqlTicketProcess.KEY, ticketId, variables);
    }

    @Test
    void tasksOfAnInstanceWithoutABusinessKeyAreListedToo() {
        engine.getRepositoryService().createDeployment().addModelInstance("plain.bpmn",
                Bpmn.createExecutableProcess("plainProcess").startEvent().userTask("Task_Plain").name("Plain")
                        .camundaCandidateGroups("reviewer").endEvent().done()).deploy();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("plainProcess").getId();
        try {
            assertThat(tasklist.tasksFor("rita", REVIEWERS)).filteredOn(t -> "Plain".equals(t.name())).singleElement()
                    .extracting(TaskSummary::requester).isNull();
        } finally {
            engine.getRuntimeService().deleteProcessInstance(instance, "test done");
        }
    }

    @Test
    void onlyTheClaimantOrAnAdminHandsAnApprovalOnAndOnlyToAnotherEligiblePersonNeverTheSubmitter() {
        String taskId = row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).id();
        assertThat(tasklist.reassignableTo(taskId, "rita", REVIEWERS)).as("unclaimed: nothing to hand on").isEmpty();
        assertThat(tasklist.offer(taskId)).as("waits for the group's members, never the submitter")
                .isEqualTo(new TaskOffer(List.of("reviewer"), List.of("rita", "rob")));
        tasklist.claim(taskId, "rita", REVIEWERS);

        assertThat(tasklist.reassignableTo(taskId, "rita", REVIEWERS)).containsExactly("rob");
        assertThat(tasklist.reassignableTo(taskId, "rob", REVIEWERS)).isEmpty();
        assertThatThrownBy(() -> tasklist.reassign(taskId, "rob", REVIEWERS, "rob"))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_ASSIGNEE));
        assertThatThrownBy(() -> tasklist.reassign(taskId, "rita", REVIEWERS, SUBMITTED_BY))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.OWN_REQUEST));
        assertThatThrownBy(() -> tasklist.reassign(taskId, "rita", REVIEWERS, "dana"))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_OFFERED));
        assertThatThrownBy(() -> tasklist.reassign(taskId, "rita", REVIEWERS, "nobody"))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_OFFERED));
        assertThat(engine.getTaskService().createTaskQuery().taskId(taskId).singleResult().getAssignee())
                .as("every refusal left it with rita").isEqualTo("rita");

        HANDOVERS.clear();
        tasklist.reassign(taskId, "rita", REVIEWERS, "rob");
        assertThat(row("rob", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).assignee()).isEqualTo("rob");
        assertThat(tasklist.reassignableTo(taskId, "anne", List.of("admin"))).containsExactly("rita");
        tasklist.reassign(taskId, "anne", List.of("admin"), "rita");
        assertThat(row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).assignee()).isEqualTo("rita");
        tasklist.reassign(taskId, "rita", REVIEWERS, "rita"); // to its holder: nothing happens
        assertThat(HANDOVERS).as("each hand-on for the trail, about the ticket; the refused ones not").containsExactly(
                new TaskHandedOver(TaskHandedOver.Kind.HANDED_ON, "rita", taskId, "Approve", "ticket", ticketId,
                        "rita", "rob"),
                new TaskHandedOver(TaskHandedOver.Kind.HANDED_ON, "anne", taskId, "Approve", "ticket", ticketId,
                        "rob", "rita"));

        String execute = row(SUBMITTED_BY, REVIEWERS, Elements.TASK_CONFIRM_EXECUTION).id();
        assertThat(tasklist.reassignableTo(execute, SUBMITTED_BY, REVIEWERS)).isEmpty();
        assertThatThrownBy(() -> tasklist.reassign(execute, SUBMITTED_BY, REVIEWERS, "rob"))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.ASSIGNED_BY_PROCESS));
    }

    @Test
    void aScheduledTicketIsDueWhenItExecutesAndRowsNameItsInstance() {
        String scheduled = "T-" + UUID.randomUUID();
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, SUBMITTED_BY);
        variables.put("title", "Tonight");
        variables.put("instance", "sandbox");
        Variables.ENVIRONMENT.into(variables, "DEV");
        Variables.SCHEDULED_AT.into(variables, "2099-01-02T03:04:05+08:00");
        RECORDED.put(scheduled, new RequestFacts.Facts("Tonight", null, null, "orders-db", "PROD",
                java.time.Instant.parse("2031-01-01T19:04:05Z"), null));
        engine.getRuntimeService().startProcessInstanceByKey(SqlTicketProcess.KEY, scheduled, variables);
        TaskSummary row = tasklist.tasksFor("rita", REVIEWERS).stream()
                .filter(t -> scheduled.equals(t.businessKey())).findFirst().orElseThrow();
        assertThat(row.due()).isEqualTo(java.time.Instant.parse("2031-01-01T19:04:05Z"));
        assertThat(row.instance()).isEqualTo("orders-db");
        assertThat(row.environment()).isEqualTo("PROD");
        assertThat(row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).due()).as("unscheduled").isNull();
    }

    @Test
    void aReviewerIsOfferedTheApprovalWithItsSubjectAndTheSubmitterNever() {
        TaskSummary row = row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL);
        assertThat(row.businessKey()).isEqualTo(ticketId);
        assertThat(row.subject()).isEqualTo("Mark order 4 paid");
        assertThat(row.requester()).isEqualTo("erin");
        assertThat(row.risk()).isEqualTo("LOW");
        assertThat(row.instance()).isEqualTo("orders-db");
        assertThat(row.estimatedRows()).isEqualTo(1L);
        assertThat(row.processName()).isEqualTo("SQL ticket");
        assertThat(row.canClaim()).isTrue();
        assertThat(row.canUnclaim()).isFalse();

        // erin is a reviewer too: she sees her Execute task, never her own approval
        List<TaskSummary> erins = mine("erin", REVIEWERS);
        assertThat(erins).extracting(TaskSummary::name).containsExactly("Execute");
        assertThat(erins.get(0).canClaim()).isFalse();
        assertThat(erins.get(0).canUnclaim()).isFalse();
        assertThatThrownBy(() -> tasklist.claim(row.id(), "erin", REVIEWERS))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.OWN_REQUEST))
                .hasMessage("erin submitted ticket " + ticketId + " and cannot claim its approval (four eyes)");
        assertThatThrownBy(() -> tasklist.claim(row.id(), "dana", List.of("dba")))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_OFFERED));
    }

    @Test
    void aClaimedApprovalIsShownToTheOtherReviewersButOnlyItsAssigneeOrAnAdminHandsItBack() {
        String taskId = row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).id();
        long ritasBefore = tasklist.countFor("rita", REVIEWERS);
        long robsBefore = tasklist.countFor("rob", REVIEWERS);
        HANDOVERS.clear();
        tasklist.claim(taskId, "rita", REVIEWERS);
        tasklist.claim(taskId, "rita", REVIEWERS); // again: nothing changes

        TaskSummary ritas = row("rita", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL);
        assertThat(ritas.assignee()).isEqualTo("rita");
        assertThat(ritas.canClaim()).isFalse();
        assertThat(ritas.canUnclaim()).isTrue();
        assertThat(tasklist.tasksFor("rita", REVIEWERS).get(0).id()).as("assigned first").isEqualTo(taskId);
        assertThat(tasklist.countFor("rita", REVIEWERS)).isEqualTo(ritasBefore);
        TaskSummary robs = row("rob", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL);
        assertThat(robs.assignee()).isEqualTo("rita");
        assertThat(robs.canClaim()).isFalse();
        assertThat(robs.canUnclaim()).isFalse();
        assertThat(tasklist.countFor("rob", REVIEWERS)).isEqualTo(robsBefore - 1);

        assertThatThrownBy(() -> tasklist.claim(taskId, "rob", REVIEWERS))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.CLAIMED_BY_OTHER))
                .hasMessage("task 'Approve' is already claimed by rita");
        assertThatThrownBy(() -> tasklist.unclaim(taskId, "rob", REVIEWERS))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_ASSIGNEE));
        tasklist.unclaim(taskId, "rita", REVIEWERS);
        assertThat(row("rob", REVIEWERS, Elements.TASK_REVIEWER_APPROVAL).canClaim()).isTrue();

        tasklist.claim(taskId, "rob", REVIEWERS);
        tasklist.unclaim(taskId, "ada", List.of("admin"));
        assertThat(task(Elements.TASK_REVIEWER_APPROVAL).getAssignee()).isNull();
        tasklist.unclaim(taskId, "rita", REVIEWERS); // unclaimed already: nothing to do
        assertThat(HANDOVERS).as("for the trail: who held it and who handed it back, the refusals not").containsExactly(
                new TaskHandedOver(TaskHandedOver.Kind.CLAIMED, "rita", taskId, "Approve", "ticket", ticketId, null,
                        "rita"),
                new TaskHandedOver(TaskHandedOver.Kind.UNCLAIMED, "rita", taskId, "Approve", "ticket", ticketId,
                        "rita", null),
                new TaskHandedOver(TaskHandedOver.Kind.CLAIMED, "rob", taskId, "Approve", "ticket", ticketId, null,
                        "rob"),
                new TaskHandedOver(TaskHandedOver.Kind.UNCLAIMED, "ada", taskId, "Approve", "ticket", ticketId,
                        "rob", null));
    }

    @Test
    void aTaskTheProcessAssignsCannotBeHandedBackAndAFinishedOneIsGone() {
        Task execute = task(Elements.TASK_CONFIRM_EXECUTION);
        assertThatThrownBy(() -> tasklist.unclaim(execute.getId(), "erin", List.of()))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.ASSIGNED_BY_PROCESS));
        engine.getTaskService().complete(execute.getId());
        assertThatThrownBy(() -> tasklist.claim(execute.getId(), "erin", List.of()))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.GONE));
    }

    @Test
    void changesAreToldAfterTheirCommitEvenWhenAnotherSubscriberFailsAndNeverWhenRolledBack() throws Exception {
        BlockingQueue<TaskChange> told = new LinkedBlockingQueue<>();
        try (TaskEvents.Registration failing = EVENTS.subscribe(change -> {
            throw new IllegalStateException("a broken subscriber");
        }); TaskEvents.Registration registration = EVENTS.subscribe(told::add)) {
            String taskId = task(Elements.TASK_REVIEWER_APPROVAL).getId();
            TaskService taskService = engine.getTaskService();
            ProcessEngineConfigurationImpl configuration =
                    (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
            assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(command -> {
                taskService.claim(taskId, "rita");
                throw new IllegalStateException("rolled back");
            })).hasMessage("rolled back");

            tasklist.claim(taskId, "rob", REVIEWERS);
            TaskChange claimed = told.poll(10, TimeUnit.SECONDS);
            assertThat(claimed).isEqualTo(new TaskChange(TaskChange.Type.ASSIGNED, taskId, SqlTicketProcess.KEY,
                    ticketId, "rob"));
            assertThat(task(Elements.TASK_REVIEWER_APPROVAL).getAssignee()).as("committed before told").isEqualTo("rob");

            tasklist.unclaim(taskId, "rob", REVIEWERS);
            assertThat(told.poll(10, TimeUnit.SECONDS)).isEqualTo(new TaskChange(TaskChange.Type.ASSIGNED, taskId,
                    SqlTicketProcess.KEY, ticketId, null));
            taskService.complete(taskId);
            assertThat(told.poll(10, TimeUnit.SECONDS).type()).isEqualTo(TaskChange.Type.COMPLETED);

            registration.remove();
            submitTicket();
            assertThat(told.poll(300, TimeUnit.MILLISECONDS)).as("not told once removed").isNull();
        }
    }

    private List<TaskSummary> mine(String username, List<String> groups) {
        return tasklist.tasksFor(username, groups).stream().filter(t -> ticketId.equals(t.businessKey())).toList();
    }

    private TaskSummary row(String username, List<String> groups, String taskKey) {
        String taskId = task(taskKey).getId();
        return mine(username, groups).stream().filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new AssertionError(username + " is not offered " + taskKey));
    }

    private Task task(String taskKey) {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(ticketId)
                .taskDefinitionKey(taskKey).singleResult();
    }
}
