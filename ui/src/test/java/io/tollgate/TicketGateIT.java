package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.instance.InstanceForm;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.mail.MailKind;
import io.tollgate.engine.mail.Outbox;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gate (issue 12): a ticket's statements run only with the approvals Tollgate itself recorded, whatever the process
 * does, whatever its variables say and whoever completes its tasks. Each test is an attack as an attacker would try it,
 * on the whole application, a real MariaDB target and the engine's Java API (what Cockpit's admin actions and a
 * deployed model reach); each ends with the target's rows unchanged. The job executor is off so that each test runs
 * the jobs itself.
 */
@TicketJobsByHand // one context with SqlTicketIT, which runs right after this class and closes it
@Order(1)
class TicketGateIT {

    @RegisterExtension
    static final TargetDatabase TARGET = new TargetDatabase("tg_gate_");
    private static final String DB = TARGET.name;
    private static final String INSTANCE = "gate-target";
    /** The same database as a production instance: DDL there needs a DBA too. */
    private static final String PROD_INSTANCE = "gate-target-prod";
    private static final String SUBMITTER = "engineer";
    private static final String BATCH = "/api/v1/tasks/decisions";

    @Autowired Tickets tickets;
    @Autowired io.tollgate.engine.tasklist.Tasklist tasklist;
    @Autowired TargetInstances instances;
    @Autowired Accounts accounts;
    @Autowired AccountAdministration administration;
    @Autowired RuntimeService runtimeService;
    @Autowired org.camunda.bpm.engine.RepositoryService repositoryService;
    @Autowired TaskService taskService;
    @Autowired org.camunda.bpm.engine.FormService formService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired IdentityService identityService;
    @Autowired Outbox outbox;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;

    private String table;

    @BeforeEach
    void tableAndInstance() throws SQLException {
        table = "gate_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        sql("CREATE TABLE `" + table + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                + " qty INT NOT NULL COMMENT 'quantity') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='gate'");
        sql("INSERT INTO `" + table + "` VALUES (1, 10), (2, 20)");
        if (instances.find(INSTANCE).isEmpty()) {
            instances.register(TARGET.form(INSTANCE, false), "admin");
            InstanceForm dev = TARGET.form(PROD_INSTANCE, false);
            instances.register(new InstanceForm(dev.name(), dev.host(), dev.port(), dev.username(), dev.password(),
                    Environment.PROD, false, dev.reviewerGroup()), "admin");
        }
        if (accounts.find("engineer2").isEmpty()) {
            accounts.createLocal("engineer2", "engineer2-pass", "Another engineer", null, EnumSet.of(Role.ENGINEER));
        }
        if (accounts.find("reviewer-dba").isEmpty()) {
            accounts.createLocal("reviewer-dba", "reviewer-dba-pass", "Reviewer and DBA", null,
                    EnumSet.of(Role.REVIEWER, Role.DBA));
        }
    }

    @AfterEach
    void signOut() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    @Test
    void aProcessMovedPastItsApprovalExecutesNothingAndBecomesADbaIncident() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String instanceId = instanceId(ticket.id());

        movedToItsExecution(instanceId);
        runJobs(ticket.id());

        refusedUntouched(ticket.id(), "not run: the gate refused it",
                "no reviewer approval of ticket " + ticket.id() + " is recorded");
        assertThat(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE)).isNotNull();
        assertThat(outbox.list(Optional.empty(), 500)).filteredOn(m -> m.link().endsWith("/tickets/" + ticket.id()))
                .filteredOn(m -> m.kind() == MailKind.TICKET_FAILED).extracting(m -> m.recipient())
                .contains("dba");

        // the DBA's decision completed as a model's timer or Cockpit would, as its assignee "dba": nobody decided
        // (a "retry" here would be the DBA's, a "roll back" the rollback's approval; ADR 0058)
        String resolve = task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE).taskId();
        taskService.setAssignee(resolve, "dba");
        assertThatThrownBy(() -> taskService.complete(resolve, Map.of("resolution", "retry", "comment", "forged")))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class)
                .rootCause().hasMessageContaining("counts only when taken in Tollgate");
        taskService.setAssignee(resolve, null);
        // completed in Cockpit, with a resolution that is none or of another type: refused with the policy's words,
        // before any variable is read (they were server errors)
        Http.Cockpit cockpit = new Http(port).cockpit("admin", "admin-demo");
        for (String value : List.of("{\"value\": \"sideways\", \"type\": \"String\"}",
                "{\"value\": 42, \"type\": \"Integer\"}")) {
            HttpResponse<String> completed = cockpit.send("POST", "/camunda/api/engine/engine/default/task/"
                    + resolve + "/complete", "{\"variables\": {\"resolution\": " + value + "}}");
            assertThat(completed.statusCode()).as(completed.body()).isEqualTo(403);
            assertThat(completed.body()).contains("counts only when taken in Tollgate")
                    .doesNotContain("Exception while invoking");
        }
        // each refused completion is in the trail, about the ticket, with who tried (a helper's finding: they left no
        // trace): the engine API's without a signed-in user (the trail says "system"), and Cockpit's admin's twice
        assertThat(jdbc.queryForList("SELECT actor FROM audit_entry WHERE kind = 'task.completion-refused'"
                + " AND subject_type = 'ticket' AND subject_id = ?", String.class, ticket.id()))
                .containsExactly("system", "admin", "admin");
        // an admin's task-local variables are not the DBA's decision: a "close" written on the task, of any type,
        // neither closes the ticket nor breaks the DBA's retry
        taskService.setVariableLocal(resolve, SqlTicketProcess.Variables.RESOLUTION.name(), "close");
        taskService.setVariableLocal(resolve, SqlTicketProcess.Variables.COMMENT.name(), 5);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.RETRY_REQUESTED);

        // a DBA's retry runs into the same gate
        dbaRetries(ticket.id(), "try again");
        assertUntouched();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .contains(TicketEvent.Type.RETRY_REQUESTED).doesNotContain(TicketEvent.Type.CLOSED);
    }

    /** How an admin (Cockpit), a process owner (a deployed model) or a variable could run a scheduled ticket early. */
    enum EarlyRun {
        /** Cockpit's "execute job" on the schedule's timer. */
        TIMER_EXECUTED,
        /** Cockpit's "change due date" of the timer to now. */
        TIMER_DUE_NOW,
        /** Cockpit's "modify": the timer cancelled, the execution started. */
        MOVED_PAST_THE_TIMER,
        /** The {@code scheduledAt} variable rewritten to now before the approval creates the timer. */
        SCHEDULED_AT_REWRITTEN,
        /** The {@code executionMode} variable rewritten so that the model routes past the timer. */
        MODE_REWRITTEN
    }

    @ParameterizedTest
    @EnumSource(EarlyRun.class)
    void aScheduledTicketForcedToRunBeforeItsTimeRunsNothing(EarlyRun how) throws Exception {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TicketRecord ticket = scheduled("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", at);
        String instanceId = instanceId(ticket.id());
        if (how == EarlyRun.SCHEDULED_AT_REWRITTEN) {
            runtimeService.setVariable(instanceId, "scheduledAt", Instant.now().minusSeconds(60).toString());
        } else if (how == EarlyRun.MODE_REWRITTEN) {
            runtimeService.setVariable(instanceId, "executionMode", ExecutionMode.AFTER_APPROVAL.name());
        }
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "at its time");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.SCHEDULED);
        Optional<Job> timer = Optional.ofNullable(managementService.createJobQuery().processInstanceId(instanceId)
                .timers().singleResult());
        switch (how) {
            case TIMER_EXECUTED -> managementService.executeJob(timer.orElseThrow().getId());
            case TIMER_DUE_NOW -> managementService.setJobDuedate(timer.orElseThrow().getId(), new Date());
            case MOVED_PAST_THE_TIMER -> movedToItsExecution(instanceId);
            default -> { }
        }
        runJobs(ticket.id());

        refusedUntouched(ticket.id(), "not run: before its scheduled time", "scheduled for " + at,
                "may not run before");
        assertThat(task(ticket.id(), TicketTask.Kind.RESOLVE_FAILURE)).isNotNull();
    }

    /** How a manual ticket could run without its submitter pressing Execute. */
    enum UnconfirmedRun {
        /** An admin completing the submitter's "Execute" task in Cockpit. */
        CONFIRMATION_COMPLETED_BY_ADMIN,
        /** The {@code executionMode} variable rewritten so that the model routes past the confirmation. */
        MODE_REWRITTEN,
        /** Cockpit's "modify": the confirmation cancelled, the execution started. */
        MOVED_PAST_THE_CONFIRMATION
    }

    @ParameterizedTest
    @EnumSource(UnconfirmedRun.class)
    void aManualTicketDoesNotRunWithoutItsSubmittersConfirmation(UnconfirmedRun how) throws Exception {
        TicketRecord ticket = tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB,
                "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", "the gate test", ExecutionMode.MANUAL, null));
        runJobs(ticket.id());
        String instanceId = instanceId(ticket.id());
        if (how == UnconfirmedRun.MODE_REWRITTEN) {
            runtimeService.setVariable(instanceId, "executionMode", ExecutionMode.AFTER_APPROVAL.name());
        }
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "when you are ready");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);
        if (how == UnconfirmedRun.CONFIRMATION_COMPLETED_BY_ADMIN) {
            identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
            taskService.complete(task(ticket.id(), TicketTask.Kind.CONFIRM_EXECUTION).taskId());
            identityService.clearAuthentication();
        } else if (how == UnconfirmedRun.MOVED_PAST_THE_CONFIRMATION) {
            movedToItsExecution(instanceId);
        }
        runJobs(ticket.id());

        TicketRecord refused = refusedUntouched(ticket.id(), "refused",
                "it is awaiting execution, not approved for execution");
        assertThat(refused.trail()).extracting(TicketEvent::type).doesNotContain(TicketEvent.Type.EXECUTION_REQUESTED);
    }

    /** Refused before its time, a scheduled ticket runs when a DBA retries it after its time: once. */
    @Test
    void aScheduledTicketRefusedForBeingEarlyRunsOnceADbaRetriesItAtItsTime() throws Exception {
        Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        TicketRecord ticket = scheduled("UPDATE `" + table + "` SET qty = qty + 5 WHERE id = 1;", at);
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "at its time");
        Job timer = managementService.createJobQuery().processInstanceId(instanceId(ticket.id())).timers()
                .singleResult();
        managementService.executeJob(timer.getId());
        runJobs(ticket.id());
        assertUntouched();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTION_FAILED);

        // a DBA's retry a minute before its time: refused again
        ClockUtil.setCurrentTime(Date.from(at.minusSeconds(60)));
        dbaRetries(ticket.id(), "not yet");
        assertUntouched();
        assertThat(record(ticket.id()).failure()).contains("scheduled for " + at);

        // at its time
        ClockUtil.setCurrentTime(Date.from(at));
        dbaRetries(ticket.id(), "now");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:15,2:20");
    }

    /**
     * ADR 0058: a process owner's model that makes the submitter's "execute" confirmation an approval, assigns it to
     * the reviewer and approves it by input parameters, records it on completion and again from a timeout listener.
     * Before ADR 0058 both were recorded as "reviewer approved" and the ticket executed; the record listeners then
     * credited neither (only a decision taken in Tollgate counts). Now the guard refuses the model itself: an approval
     * keeps its task's id, and no model assigns one.
     */
    @Test
    void aDeployedModelCannotForgeAnApprovalInSomebodysName() throws Exception {
        Http http = new Http(port);
        byte[] model;
        try (var in = getClass().getResourceAsStream("/attack/forged-approval-sqlTicket.xml")) {
            model = in.readAllBytes();
        }
        long versions = repositoryService.createProcessDefinitionQuery().processDefinitionKey("sqlTicket").count();
        HttpResponse<String> deployed = http.postMultipart("/engine-rest/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "forged-approval"}}, "sqlTicket.bpmn", model);

        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(400);
        assertThat(deployed.body()).contains(Elements.TASK_CONFIRM_EXECUTION
                + ": is the reviewer approval, whose task Tollgate's tasklist, API and checks know as "
                + Elements.TASK_REVIEWER_APPROVAL).contains("with camunda:assignee=\\\"reviewer\\\"");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("sqlTicket").count())
                .isEqualTo(versions);
    }

    /**
     * A rejection is final for its round: an admin's restart of the rejected ticket's process before the reviewer's
     * approval in Cockpit is refused (ADR 0060; before, it gave a new task, and the policy refused a reviewer's "yes"
     * on it: "a rejection is final"; before that, the gate read only the latest decision of each step, and the ticket
     * executed).
     */
    @Test
    void aRejectionIsFinalEvenWhenAnAdminRestartsTheTicketsProcess() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), false,
                "not this");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.REJECTED);
        String rejected = instanceId(ticket.id());
        String definitionId = historyService.createHistoricProcessInstanceQuery().processInstanceId(rejected)
                .singleResult().getProcessDefinitionId();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.restartProcessInstances(definitionId)
                    .startBeforeActivity(Elements.TASK_REVIEWER_APPROVAL).processInstanceIds(rejected)
                    .initialSetOfVariables().execute())
                    .hasMessageContaining(ticket.id() + " was started otherwise");
        } finally {
            identityService.clearAuthentication();
        }
        // nor once the engine's history of its process is deleted, so that nothing of the engine's tells it had one
        // (a helper's admin then started it by hand, and the rejected ticket ran on a reviewer's approval)
        historyService.deleteHistoricProcessInstance(rejected);
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, ticket.id(),
                    Map.of("submitter", SUBMITTER, "reviewerGroup", "reviewer", "instance", INSTANCE,
                            "environment", "DEV", "executionMode", "AFTER_APPROVAL", "rollbackWindow", "PT1H")))
                    .hasMessageContaining(ticket.id() + " was started otherwise");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(tickets.openTasks(ticket.id())).isEmpty();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.REJECTED);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.APPROVED, TicketEvent.Type.EXECUTED);
        assertUntouched();
    }

    /**
     * An executed ticket's process moved to its execution again (an admin's modification in Cockpit): nothing runs
     * and the ticket stays EXECUTED. Before, the gate's refusal made it EXECUTION_FAILED and gave a DBA the failure's
     * decision, whose "roll back" undid the ticket without the submitter's request or the rollback's review.
     */
    @Test
    void anExecutedTicketMovedToItsExecutionAgainChangesNothing() throws Exception {
        TicketRecord ticket = executedIncrement();
        int events = record(ticket.id()).trail().size();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                .startBeforeActivity(Elements.TASK_EXECUTE_TICKET).execute();
        identityService.clearAuthentication();
        List<Job> again = managementService.createJobQuery().processInstanceId(instanceId(ticket.id()))
                .activityId(Elements.TASK_EXECUTE_TICKET).list();
        assertThat(again).hasSize(1);
        assertThatThrownBy(() -> managementService.executeJob(again.get(0).getId()))
                .hasMessageContaining("its execution is over");

        TicketRecord after = record(ticket.id());
        assertThat(after.status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(after.trail()).hasSize(events);
        assertThat(tickets.openTasks(ticket.id())).extracting(TicketTask::kind)
                .doesNotContain(TicketTask.Kind.RESOLVE_FAILURE);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:11,2:20");

        // out of retries, the stray job is Cockpit's incident: the finished ticket is not marked stuck (its page
        // said "nothing moves until a DBA retries it", and the DBAs were mailed, for a ticket with nothing to move)
        managementService.setJobRetries(again.get(0).getId(), 1);
        assertThatThrownBy(() -> managementService.executeJob(again.get(0).getId()))
                .hasMessageContaining("its execution is over");
        assertThat(runtimeService.createIncidentQuery().processInstanceId(instanceId(ticket.id())).count())
                .isEqualTo(1);
        TicketRecord outOfRetries = record(ticket.id());
        assertThat(outOfRetries.stuckStep()).isNull();
        assertThat(outOfRetries.trail()).hasSize(events);
        assertThat(outOfRetries.status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * An executed ticket's process moved back to its review (an admin's modification in Cockpit; a helper's process
     * owner reached the same review from a model of another key, which the model guard now refuses): the review is
     * refused and the ticket stays as it was. Before, the review opened a new round, AWAITING_APPROVAL with a new
     * approval task, on a ticket that was executed (and so on a rejected or withdrawn one).
     */
    @Test
    void aTicketPastItsReviewIsNotReviewedAgain() throws Exception {
        TicketRecord ticket = executedIncrement();
        int events = record(ticket.id()).trail().size();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                .startBeforeActivity(Elements.TASK_REVIEW_TICKET).execute();
        identityService.clearAuthentication();
        List<Job> again = managementService.createJobQuery().processInstanceId(instanceId(ticket.id()))
                .activityId(Elements.TASK_REVIEW_TICKET).list();
        assertThat(again).hasSize(1);
        assertThatThrownBy(() -> managementService.executeJob(again.get(0).getId()))
                .hasMessageContaining("is EXECUTED: a review runs on a ticket submitted or resubmitted in Tollgate");

        TicketRecord after = record(ticket.id());
        assertThat(after.status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(after.trail()).hasSize(events);
        assertThat(tickets.openTasks(ticket.id())).extracting(TicketTask::kind)
                .doesNotContain(TicketTask.Kind.APPROVAL);
    }

    /**
     * An admin's cascading delete, in Cockpit, of the deployment Tollgate's processes run on: refused (403, ADR 0067),
     * the ticket's process and every new submission go on. Before, every ticket and tree change stood frozen in its
     * status with no process, and submissions failed until a restart.
     */
    @Test
    void theDeploymentTicketsRunOnIsNotDeletedInCockpit() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 3 WHERE id = 1;");
        String definition = runtimeService.createProcessInstanceQuery().processInstanceId(instanceId(ticket.id()))
                .singleResult().getProcessDefinitionId();
        String deployment = repositoryService.getProcessDefinition(definition).getDeploymentId();

        Http.Cockpit cockpit = new Http(port).cockpit("admin", "admin-demo");
        HttpResponse<String> deleted = cockpit.send("DELETE", "/camunda/api/engine/engine/default/deployment/"
                + deployment + "?cascade=true&skipCustomListeners=true", null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(403);
        assertThat(deleted.body()).contains("Tollgate keeps deployment " + deployment);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .isEqualTo(1);
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * A rollback nobody asked for: an admin correlates the rollback request's message in Cockpit, and the rollback's
     * approval appears without the submitter's request or a ROLLBACK_REQUESTED in the trail. No decision on it counts.
     * Before, a reviewer's approval rolled the ticket back.
     */
    @Test
    void aRollbackNobodyRequestedIsDecidedByNobody() throws Exception {
        TicketRecord ticket = executedIncrement();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        runtimeService.createMessageCorrelation(io.tollgate.processes.ticket.SqlTicketProcess.Messages.REQUEST_ROLLBACK)
                .processInstanceBusinessKey(ticket.id()).correlate();
        identityService.clearAuthentication();
        String rollbackTask = task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId();

        assertThatThrownBy(() -> tickets.decide(rollbackTask, "reviewer", List.of("reviewer"), true, "ok"))
                .isInstanceOf(ApprovalRefusedException.class).hasMessageContaining("no rollback of ticket")
                .hasMessageContaining("is requested");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.ROLLBACK_APPROVED, TicketEvent.Type.ROLLED_BACK);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:11,2:20");
    }

    @Test
    void someoneOutsideTheReviewerGroupCannotApproveWhateverTheTaskSays() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();

        // a process owner completing the reviewer's task, as over Camunda's REST API: no decision of Tollgate's
        identityService.setAuthentication("process-owner", List.of("process-owner"));
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class)
                .rootCause().hasMessageContaining("counts only when decided in Tollgate");
        assertThatThrownBy(() -> tickets.decide(taskId, "process-owner", List.of("process-owner"), true, "ok"))
                .isInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining("process-owner may not give the reviewer approval");
        // an admin, assigned the task first, as in Cockpit
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        identityService.clearAuthentication();
        // the task offered to another group through its variable: still the instance's reviewer group decides
        runtimeService.setVariable(instanceId(ticket.id()), "reviewerGroup", "sre");
        taskService.addCandidateGroup(taskId, "sre");
        assertThatThrownBy(() -> tickets.decide(taskId, "sre", List.of("sre"), true, "ok"))
                .isInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.setAssignee(taskId, "sre"))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.APPROVED);
        assertUntouched();
    }

    @Test
    void overwritingTheSubmitterVariableDoesNotLetTheSubmitterApprove() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", "reviewer-dba");
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();
        String instanceId = instanceId(ticket.id());

        runtimeService.setVariable(instanceId, "submitter", "somebody-else");
        taskService.setVariableLocal(taskId, "submitter", "somebody-else");
        runtimeService.setVariable(instanceId, "ticketId", "T-NOT-THIS-ONE");
        identityService.setAuthentication("reviewer-dba", List.of("reviewer", "dba"));
        assertThatThrownBy(() -> taskService.complete(taskId, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        identityService.clearAuthentication();
        assertThatThrownBy(() -> tickets.decide(taskId, "reviewer-dba", List.of("reviewer", "dba"), true, "mine"))
                .isInstanceOf(ApprovalRefusedException.class).hasMessageContaining("four eyes");

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertUntouched();
    }

    /** How an admin came to hold a reviewer's account (a helper's findings, ADR 0068). */
    enum HeldBy {
        /** The admin created the account, with its first password, and chose its own password as the person. */
        CREATED,
        /** A real reviewer's account: the admin reset its password, then set the old one back as the person. */
        RESET,
        /** The admin created another admin, who created the account. */
        CREATED_BY_AN_ADMIN_THEY_CREATED,
        /**
         * The admin created two admins, the account one of them, and each reset the other's password: a helper's
         * laundering, which a single "set by" forgot the admin through.
         */
        RESETS_SWAPPED_BETWEEN_TWO_IT_CREATED
    }

    /**
     * An admin does not approve their own ticket through an account whose password they set: a helper created a
     * reviewer account and approved with it, and reset a real reviewer's password and approved as them. Both
     * executed the ticket. The real reviewer, whose password the admin never set, still approves it.
     */
    @ParameterizedTest
    @EnumSource(HeldBy.class)
    void anAdminDoesNotApproveTheirOwnTicketThroughAnAccountTheySetUp(HeldBy how) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String admin = "keeper-" + suffix;
        String sock = "sock-" + suffix;
        // an admin who also submits changes, set up by nobody's hands but their own
        accounts.createLocal(admin, "keeper-pass-1", "Admin who submits", null, EnumSet.of(Role.ADMIN, Role.ENGINEER));
        switch (how) {
            case CREATED -> {
                administration.create(admin, new AccountAdministration.NewAccount(sock, "Sock", null,
                        "first-pass-1", EnumSet.of(Role.REVIEWER)));
                accounts.changeOwnPassword(sock, "first-pass-1", "sock-pass-22");
            }
            case RESET -> {
                accounts.createLocal(sock, "sock-pass-22", "A real reviewer", null, EnumSet.of(Role.REVIEWER));
                administration.resetPassword(admin, sock, "temporary-2x");
                accounts.changeOwnPassword(sock, "temporary-2x", "sock-pass-22");
            }
            case RESETS_SWAPPED_BETWEEN_TWO_IT_CREATED -> {
                administration.create(admin, new AccountAdministration.NewAccount(sock, "Sock", null,
                        "first-pass-1", EnumSet.of(Role.ADMIN, Role.REVIEWER)));
                administration.create(admin, new AccountAdministration.NewAccount("a2-" + suffix, "Second admin",
                        null, "first-pass-1", EnumSet.of(Role.ADMIN)));
                administration.resetPassword("a2-" + suffix, sock, "temporary-2x");
                administration.resetPassword(sock, "a2-" + suffix, "temporary-3x");
                accounts.changeOwnPassword(sock, "temporary-2x", "sock-pass-22");
            }
            case CREATED_BY_AN_ADMIN_THEY_CREATED -> {
                administration.create(admin, new AccountAdministration.NewAccount("a2-" + suffix, "Second admin",
                        null, "first-pass-1", EnumSet.of(Role.ADMIN)));
                administration.create("a2-" + suffix, new AccountAdministration.NewAccount(sock, "Sock", null,
                        "first-pass-1", EnumSet.of(Role.REVIEWER)));
                accounts.changeOwnPassword(sock, "first-pass-1", "sock-pass-22");
            }
        }
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", admin);

        HttpResponse<String> approved = new Http(port).postJson("/api/v1/tickets/" + ticket.id() + "/decision", sock,
                "sock-pass-22", "{\"approve\": true, \"comment\": \"lgtm\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(403);
        assertThat(approved.body()).contains(sock + "'s password was set by").contains("four eyes");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertUntouched();
        assertThat(tickets.reviewersFor(INSTANCE, admin)).as("nor is the account offered to choose from")
                .doesNotContain(sock).contains("reviewer");

        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * Nor does one admin give two steps of a ticket that needs two people, one as themselves and one through an
     * account they set up: the reviewer's and the DBA's approvals of production DDL.
     */
    @Test
    void anAdminDoesNotGiveBothStepsThroughAnAccountTheySetUp() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String admin = "keeper-dba-" + suffix;
        String sock = "sock-" + suffix;
        accounts.createLocal(admin, "keeper-pass-1", "Admin and DBA", null, EnumSet.of(Role.ADMIN, Role.DBA));
        administration.create(admin, new AccountAdministration.NewAccount(sock, "Sock", null, "first-pass-1",
                EnumSet.of(Role.REVIEWER)));
        TicketRecord ticket = reviewedOn(PROD_INSTANCE,
                "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), sock, List.of("reviewer"), true, "ok");

        String dbaTask = task(ticket.id(), TicketTask.Kind.DBA_APPROVAL).taskId();
        assertThatThrownBy(() -> tickets.decide(dbaTask, admin, List.of("dba"), true, "ok"))
                .isInstanceOf(ApprovalRefusedException.class)
                .hasMessageContaining(sock + "'s password was set by " + admin)
                .hasMessageContaining("already gave the reviewer approval");
        runJobs(ticket.id());
        assertThat(columns()).doesNotContain("note");
        tickets.decide(dbaTask, "dba", List.of("dba"), true, "ok");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    @Test
    void aTicketThatNeedsADbaDoesNotExecuteWhenItsDbaStepIsSkipped() throws Exception {
        // DDL on production needs a DBA
        TicketRecord ticket = reviewedOn(PROD_INSTANCE, "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';"
                + "\nUPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        assertThat(runtimeService.getVariable(instanceId(ticket.id()), "dbaApprovalRequired")).isEqualTo(true);
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine");
        assertThat(task(ticket.id(), TicketTask.Kind.DBA_APPROVAL)).isNotNull();
        // the routing variable rewritten, and the DBA's task skipped
        runtimeService.setVariable(instanceId(ticket.id()), "dbaApprovalRequired", false);
        movedToItsExecution(instanceId(ticket.id()));
        runJobs(ticket.id());

        assertUntouched();
        assertThat(columns()).doesNotContain("note");
        assertThat(record(ticket.id()).failure()).contains("no dba approval of ticket " + ticket.id());
    }

    @Test
    void theReviewsOwnRoutingLeavesTheDecisionHistoryToTheModelsBusinessRuleTask() throws Exception {
        // DDL on production needs a DBA: the review records it for the gate, the model routes to the DBA's task
        TicketRecord ticket = reviewedOn(PROD_INSTANCE,
                "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';");
        String instanceId = instanceId(ticket.id());
        assertThat(runtimeService.getVariable(instanceId, "dbaApprovalRequired")).isEqualTo(true);

        assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(instanceId).list())
                .as("only the model's business rule task records an evaluation").singleElement()
                .satisfies(evaluation -> assertThat(evaluation.getActivityId())
                        .isEqualTo(Elements.TASK_ROUTE_APPROVAL));
        assertThat(historyService.createHistoricDecisionInstanceQuery().decisionDefinitionKey(ApprovalDecision.KEY)
                .list()).as("no evaluation outside a business rule task (the review's)").isNotEmpty()
                .allSatisfy(evaluation -> assertThat(evaluation.getActivityId())
                        .isEqualTo(Elements.TASK_ROUTE_APPROVAL));
    }

    /** What Tollgate's floor asks a DBA for, whatever the deployed decision says (ADR 0059). */
    enum Floor {
        /** DDL on production. */
        PROD_DDL,
        /** A high-risk script (a column dropped) outside production. */
        HIGH_RISK
    }

    /**
     * A process owner deploys a routing decision that never asks for a DBA: a high-risk script and DDL on production
     * still wait for one. The review records Tollgate's floor on the ticket and in its trail, the model routes to the
     * DBA's task by the recorded answer, and the reviewer's approval alone runs nothing.
     */
    @ParameterizedTest
    @EnumSource(Floor.class)
    void aDeployedDecisionCannotDropTheDbaApprovalTheFloorAsksFor(Floor floor) throws Exception {
        Http http = new Http(port);
        byte[] decision;
        try (var in = getClass().getResourceAsStream("/attack/no-dba-sqlTicketApproval.xml")) {
            decision = in.readAllBytes();
        }
        HttpResponse<String> deployed = http.postMultipart("/engine-rest/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "no-dba"}}, "sqlTicketApproval.dmn",
                decision);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        String deploymentId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(deployed.body()).path("id")
                .asText();
        try {
            String spare = table + "_spare";
            sql("CREATE TABLE `" + spare + "` (id INT NOT NULL PRIMARY KEY COMMENT 'id',"
                    + " extra INT NULL COMMENT 'extra') ENGINE=InnoDB"
                    + " DEFAULT CHARSET=utf8mb4 COMMENT='spare'");
            TicketRecord ticket = floor == Floor.PROD_DDL
                    ? reviewedOn(PROD_INSTANCE, "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';")
                    : reviewed("ALTER TABLE `" + spare + "` DROP COLUMN extra;");
            String instanceId = instanceId(ticket.id());
            assertThat(historyService.createHistoricDecisionInstanceQuery().processInstanceId(instanceId)
                    .includeOutputs().singleResult().getOutputs()).as("the deployed decision said no DBA")
                    .singleElement().satisfies(o -> assertThat(o.getValue()).isEqualTo(false));
            assertThat(runtimeService.getVariable(instanceId, "dbaApprovalRequired")).isEqualTo(true);
            assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.DBA_APPROVAL_ENFORCED)
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains(
                            floor == Floor.PROD_DDL ? "DDL on production" : "high-risk", "sqlTicketApproval"));
            // the review's entry names the decision version that routed the ticket, and what Tollgate added
            int version = repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId).singleResult()
                    .getVersion();
            assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.REVIEW_PASSED)
                    .singleElement().satisfies(e -> assertThat(e.detail()).contains("Routed by sqlTicketApproval"
                            + " version " + version + ", deployment \"no-dba\" " + deploymentId
                            + ": no DBA's approval; Tollgate asks for one all the same ("));

            tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"),
                    true, "fine");
            runJobs(ticket.id());
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
            assertThat(columns()).as("nothing ran on the reviewer's approval alone").doesNotContain("note");
            assertThat(query(extraColumns(spare))).isEqualTo("1");

            tickets.decide(task(ticket.id(), TicketTask.Kind.DBA_APPROVAL).taskId(), "dba", List.of("dba"), true,
                    "as DBA");
            runJobs(ticket.id());
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
            if (floor == Floor.PROD_DDL) {
                assertThat(columns()).contains("note");
            } else {
                assertThat(query(extraColumns(spare))).isEqualTo("0");
            }
        } finally {
            deleteDecisionDeployment(deploymentId);
        }
    }

    /**
     * An auditor can tell which deployed decision routed a ticket: the review's trail entry names the decision's
     * version and deployment, the shipped one's before a process owner deploys another and the new one's after; a
     * ticket reviewed under the new version that asked for no DBA is approved by its reviewer alone.
     */
    @Test
    void theReviewsTrailEntryNamesTheDecisionVersionThatRoutedTheTicket() throws Exception {
        var shipped = repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey(ApprovalDecision.KEY)
                .withoutTenantId().latestVersion().singleResult();
        TicketRecord before = reviewedOn(PROD_INSTANCE, "UPDATE `" + table + "` SET qty = 5 WHERE id = 2;");
        assertThat(record(before.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.REVIEW_PASSED)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("Routed by sqlTicketApproval version "
                        + shipped.getVersion() + ", deployment ").contains(shipped.getDeploymentId()));

        Http http = new Http(port);
        byte[] decision;
        try (var in = getClass().getResourceAsStream("/attack/no-dba-sqlTicketApproval.xml")) {
            decision = in.readAllBytes();
        }
        HttpResponse<String> odd = http.postMultipart("/engine-rest/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "calm\nrouting \u202Eevil"}},
                "sqlTicketApproval.dmn", decision);
        assertThat(odd.statusCode()).as(odd.body()).isEqualTo(400);
        assertThat(odd.body()).contains("control, format or separator characters");
        HttpResponse<String> deployed = http.postMultipart("/engine-rest/deployment/create", "process-owner",
                "process-owner-demo", new String[][] {{"deployment-name", "calm routing"}}, "sqlTicketApproval.dmn",
                decision);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        String deploymentId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(deployed.body()).path("id")
                .asText();
        try {
            int version = repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId).singleResult()
                    .getVersion();
            assertThat(version).isGreaterThan(shipped.getVersion());
            TicketRecord after = reviewedOn(PROD_INSTANCE, "UPDATE `" + table + "` SET qty = 6 WHERE id = 2;");
            assertThat(record(after.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.REVIEW_PASSED)
                    .singleElement().satisfies(e -> assertThat(e.detail()).endsWith(". Routed by sqlTicketApproval version " + version + ", deployment \"calm routing\" "
                                    + deploymentId + ": no DBA's approval."));
            assertThat(record(after.id()).trail()).extracting(TicketEvent::type)
                    .doesNotContain(TicketEvent.Type.DBA_APPROVAL_ENFORCED);
            tickets.decide(task(after.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"),
                    true, "fine");
            runJobs(after.id());
            assertThat(record(after.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        } finally {
            deleteDecisionDeployment(deploymentId);
        }
    }

    /**
     * The tasklist offers an approval only to people whose decision the policy would take: before, the person who
     * approved as reviewer was offered the DBA's step too (and an engineer the task an admin added their group to),
     * could claim it, and was refused only on Approve.
     */
    @Test
    void theTasklistOffersAnApprovalOnlyToThoseWhoseDecisionWouldCount() throws Exception {
        TicketRecord ticket = reviewedOn(PROD_INSTANCE, "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';");
        List<String> both = List.of("reviewer", "dba");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer-dba", both, true, "as reviewer");
        String dbaTask = task(ticket.id(), TicketTask.Kind.DBA_APPROVAL).taskId();
        // an admin (Cockpit) or a model offers it to the engineers too
        taskService.addCandidateGroup(dbaTask, "engineer");

        // another ticket's reviewer approval, in the same list, is theirs to decide (each approval is answered for)
        TicketRecord other = reviewedOn(PROD_INSTANCE, "UPDATE `" + table + "` SET qty = 5 WHERE id = 2;");
        String otherTask = task(other.id(), TicketTask.Kind.APPROVAL).taskId();

        assertThat(tasklist.tasksFor("reviewer-dba", both)).extracting(TaskSummary::id).doesNotContain(dbaTask)
                .contains(otherTask);
        assertThat(tasklist.tasksFor("engineer2", List.of("engineer"))).extracting(TaskSummary::id)
                .doesNotContain(dbaTask);
        assertThat(tasklist.tasksFor("dba", List.of("dba"))).extracting(TaskSummary::id).contains(dbaTask);
        // the API's task list (GET /api/v1/tasks) the same
        assertThat(tickets.tasksFor("reviewer-dba", both)).extracting(TicketTask::taskId).doesNotContain(dbaTask)
                .contains(otherTask);
        assertThat(tickets.tasksFor("engineer2", List.of("engineer"))).extracting(TicketTask::taskId)
                .doesNotContain(dbaTask);
        assertThat(tickets.tasksFor("dba", List.of("dba"))).extracting(TicketTask::taskId).contains(dbaTask);
        assertThatThrownBy(() -> tasklist.claim(dbaTask, "reviewer-dba", both))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_ELIGIBLE))
                .hasMessageContaining("needs someone else");
        assertThatThrownBy(() -> tasklist.claim(dbaTask, "engineer2", List.of("engineer")))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_ELIGIBLE));
        assertThat(tasklist.offer(dbaTask).people()).contains("dba").doesNotContain("reviewer-dba", "engineer2",
                SUBMITTER);

        // the DBA who holds it cannot hand it to someone the policy would refuse either
        tasklist.claim(dbaTask, "dba", List.of("dba"));
        assertThat(tasklist.reassignableTo(dbaTask, "dba", List.of("dba"))).doesNotContain("reviewer-dba",
                "engineer2");
        assertThatThrownBy(() -> tasklist.reassign(dbaTask, "dba", List.of("dba"), "reviewer-dba"))
                .isInstanceOfSatisfying(TaskClaimException.class, e -> assertThat(e.reason())
                        .isEqualTo(TaskClaimException.Reason.NOT_ELIGIBLE));
        assertThat(taskService.createTaskQuery().taskId(dbaTask).singleResult().getAssignee()).isEqualTo("dba");
        tickets.decide(dbaTask, "dba", List.of("dba"), false, "not today");
        tickets.decide(otherTask, "reviewer", List.of("reviewer"), false, "not today either");
    }

    /**
     * A ticket the submitter runs themselves (MANUAL) runs only once they asked for it, whatever an admin does: before,
     * an admin who moved it to its execution twice (the gate's first refusal marked it failed, a status it retries
     * from), or a DBA's retry after the first refusal, ran it without the submitter's Execute.
     */
    @Test
    void aManualTicketRunsOnlyOnceItsSubmitterAskedForIt() throws Exception {
        TicketRecord ticket = tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB,
                "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", "the gate test", ExecutionMode.MANUAL, null));
        runJobs(ticket.id());
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok, run it when you are ready");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);

        movedToItsExecution(instanceId(ticket.id()));
        runJobs(ticket.id());
        assertUntouched();
        assertThat(record(ticket.id()).failure()).contains("it is awaiting execution, not approved for execution");
        // moved there again (from the failure the refusal left), and a DBA's retry: refused for what is missing
        runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                .cancelAllForActivity(Elements.TASK_RESOLVE_FAILURE)
                .startBeforeActivity(Elements.TASK_EXECUTE_TICKET).execute();
        runJobs(ticket.id());
        assertUntouched();
        assertThat(record(ticket.id()).failure()).contains("its submitter has not asked for its execution");
        dbaRetries(ticket.id(), "the admin says go");
        assertUntouched();
        assertThat(record(ticket.id()).failure()).contains("its submitter has not asked for its execution");
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.EXECUTED);
    }

    /**
     * An admin starts a second process for a ticket (Cockpit's "start process" with its id as the business key):
     * refused, the ticket and its one process as they were. Before, the ticket went back to "awaiting approval"
     * while its DBA's decision stayed open, and its rollback request later met two processes (a helper's finding).
     * A process of the ticket's kind without a business key is refused too.
     */
    @Test
    void aSecondProcessForATicketIsRefused() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        Map<String, Object> variables = Map.of("submitter", SUBMITTER, "reviewerGroup", "reviewer",
                "instance", INSTANCE, "executionMode", "AFTER_APPROVAL", "rollbackWindow", "PT1H");
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, ticket.id(),
                    variables)).hasMessageContaining(ticket.id() + " was started otherwise");
            assertThatThrownBy(() -> runtimeService.createProcessInstanceByKey(SqlTicketProcess.KEY)
                    .businessKey(ticket.id()).setVariables(variables)
                    .startBeforeActivity(Elements.TASK_EXECUTE_TICKET).execute())
                    .hasMessageContaining("a sqlTicket process is started by Tollgate alone");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, variables))
                    .hasMessageContaining("starts with the id of its request as its business key");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .isOne();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * A finished ticket's process is not started again by hand: Cockpit's restart of a rolled-back ticket's process
     * sent it back to approval, and the execution the reviewer then approved (refused: it was rolled back) left it
     * "execution failed" with no results, its rollback gone from its record.
     */
    @Test
    void aFinishedTicketsProcessIsNotRestartedByHand() throws Exception {
        TicketRecord ticket = executedIncrement();
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo the increment");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), "reviewer",
                List.of("reviewer"), true, "undo it");
        runJobs(ticket.id());
        TicketRecord rolledBack = record(ticket.id());
        assertThat(rolledBack.status()).isEqualTo(TicketStatus.ROLLED_BACK);
        String finished = instanceId(ticket.id());
        String definition = historyService.createHistoricProcessInstanceQuery().processInstanceId(finished)
                .singleResult().getProcessDefinitionId();

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.restartProcessInstances(definition)
                    .startBeforeActivity(Elements.TASK_REVIEW_TICKET).processInstanceIds(finished)
                    .initialSetOfVariables().execute())
                    .hasMessageContaining(ticket.id() + " was started otherwise");
            assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, ticket.id(),
                    Map.of("submitter", SUBMITTER, "reviewerGroup", "reviewer", "instance", INSTANCE,
                            "executionMode", "AFTER_APPROVAL", "rollbackWindow", "PT1H")))
                    .hasMessageContaining("a sqlTicket process is started by Tollgate alone");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .isZero();
        TicketRecord after = record(ticket.id());
        assertThat(after.status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertThat(after.trail()).hasSameSizeAs(rolledBack.trail());
        assertThat(after.execution()).isEqualTo(rolledBack.execution());
        assertUntouched();
    }

    /**
     * An admin's move of a ticket's process to its withdrawal in Cockpit is recorded as the admin's, not as the
     * submitter's withdrawal: a helper's admin did it, and the trail and the audit said "WITHDRAWN engineer".
     */
    @Test
    void aWithdrawalAnAdminForcedInCockpitIsTheAdminsNotTheSubmitters() throws Exception {
        TicketRecord forced = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            runtimeService.createProcessInstanceModification(instanceId(forced.id()))
                    .cancelAllForActivity(Elements.SUB_PROCESS_BEFORE_EXECUTION)
                    .startBeforeActivity(Elements.TASK_RECORD_WITHDRAWAL).execute();
        } finally {
            identityService.clearAuthentication();
        }
        TicketRecord ended = record(forced.id());
        assertThat(ended.status()).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(ended.trail()).filteredOn(e -> e.type() == TicketEvent.Type.WITHDRAWN).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.detail()).isEqualTo("ended by admin's action in the engine (Cockpit), not withdrawn"
                            + " by its submitter " + SUBMITTER);
                });

        TicketRecord own = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 2;");
        tickets.withdraw(own.id(), SUBMITTER);
        assertThat(record(own.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.WITHDRAWN)
                .singleElement().satisfies(e -> {
                    assertThat(e.actor()).isEqualTo(SUBMITTER);
                    assertThat(e.detail()).isNull();
                });
        assertUntouched();
    }

    /**
     * A ticket whose process and its history an admin deleted is started anew all the same: Tollgate's record says it
     * waits for a process, whatever the engine's history says (a helper's ticket stayed with nothing waiting, every
     * action answering "try again").
     */
    @Test
    void aTicketWhoseProcessAndItsHistoryAnAdminDeletedStartsAnew() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;");
        String deleted = instanceId(ticket.id());
        runtimeService.deleteProcessInstance(deleted, "an admin in Cockpit", true);
        historyService.deleteHistoricProcessInstance(deleted);

        await().atMost(Duration.ofSeconds(30)).until(() -> runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey(ticket.id()).count() == 1);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .contains(TicketEvent.Type.PROCESS_RESTARTED);
        runJobs(ticket.id());
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "anew");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:11,2:20");
    }

    /**
     * An admin's move of a ticket's process to its withdrawal after its run is refused: a helper's admin made an
     * executed ticket "withdrawn", and its submitter's rollback request was refused with its window still open.
     */
    @Test
    void anExecutedTicketIsNotWithdrawnByAnAdminsMoveInCockpit() throws Exception {
        TicketRecord ticket = executedIncrement();
        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            assertThatThrownBy(() -> runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                    .cancelAllForActivity(Elements.GATEWAY_AFTER_EXECUTION)
                    .startBeforeActivity(Elements.TASK_RECORD_WITHDRAWAL).execute())
                    .hasStackTraceContaining("a withdrawal ends a ticket before anything of it ran");
        } finally {
            identityService.clearAuthentication();
        }
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo the increment");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
    }

    /** Where a ticket waited, before anything of it ran, when an admin deleted its process in Cockpit. */
    enum DeletedBeforeItRan {
        /** Its review failed; the submitter's fix was awaited. */
        REVIEW_FAILED,
        /** The reviewer's approval was awaited. */
        AWAITING_THE_REVIEWER,
        /** A production ticket the reviewer approved: the DBA's approval was awaited. */
        AWAITING_THE_DBA,
        /** Approved, waiting for its scheduled time. */
        SCHEDULED,
        /** Approved, waiting for its submitter's Execute. */
        AWAITING_EXECUTE
    }

    /**
     * A ticket whose process an admin deleted in Cockpit before it ran is reviewed and approved anew, on a process
     * started anew: before, it stayed "awaiting approval", "scheduled"... with nothing waiting, and only its withdrawal
     * ended it. The approvals given on the deleted process do not count: it runs only once they are given again, and
     * then once.
     */
    @ParameterizedTest
    @EnumSource(DeletedBeforeItRan.class)
    void aTicketWhoseProcessAnAdminDeletedBeforeItRanIsReviewedAndApprovedAnew(DeletedBeforeItRan where)
            throws Exception {
        String increment = "UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;";
        TicketRecord ticket = switch (where) {
            case REVIEW_FAILED -> tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB,
                    "UPDATE `" + table + "_nope` SET qty = 1 WHERE id = 1;", "the gate test",
                    ExecutionMode.AFTER_APPROVAL, null));
            case AWAITING_THE_REVIEWER -> reviewed(increment);
            case AWAITING_THE_DBA -> reviewedOn(PROD_INSTANCE, increment);
            case SCHEDULED -> scheduled(increment, Instant.now().plus(Duration.ofDays(2)));
            case AWAITING_EXECUTE -> tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB,
                    increment, "the gate test", ExecutionMode.MANUAL, null));
        };
        runJobs(ticket.id());
        if (where != DeletedBeforeItRan.REVIEW_FAILED && where != DeletedBeforeItRan.AWAITING_THE_REVIEWER) {
            // given on the process about to be deleted
            tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"),
                    true, "fine");
        }
        TicketStatus before = record(ticket.id()).status();
        assertThat(before).isEqualTo(switch (where) {
            case REVIEW_FAILED -> TicketStatus.REVIEW_FAILED;
            case AWAITING_THE_REVIEWER, AWAITING_THE_DBA -> TicketStatus.AWAITING_APPROVAL;
            case SCHEDULED -> TicketStatus.SCHEDULED;
            case AWAITING_EXECUTE -> TicketStatus.AWAITING_EXECUTION;
        });
        String deleted = instanceId(ticket.id());
        runtimeService.deleteProcessInstance(deleted, "an admin in Cockpit", true);

        String restarted = await().atMost(Duration.ofSeconds(30)).until(() -> instanceId(ticket.id()),
                id -> !id.equals(deleted));
        TicketRecord anew = record(ticket.id());
        assertThat(anew.trail()).filteredOn(e -> e.type() == TicketEvent.Type.PROCESS_RESTARTED).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("its process was ended in the engine (Cockpit)",
                        "nothing of it ran", "approvals given before no longer count"));
        assertThat(anew.status()).isEqualTo(TicketStatus.REVIEWING);
        assertThat(managementService.createJobQuery().processInstanceId(restarted)
                .activityId(Elements.TASK_REVIEW_TICKET).count()).as("its review waits").isOne();
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .as("one process").isOne();
        runJobs(ticket.id());

        if (where == DeletedBeforeItRan.REVIEW_FAILED) {
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.REVIEW_FAILED);
            tickets.resubmit(ticket.id(), SUBMITTER, increment);
            runJobs(ticket.id());
        }
        assertThat(record(ticket.id()).status()).as("the approvals are asked anew")
                .isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThatThrownBy(() -> tickets.execute(ticket.id(), SUBMITTER))
                .isInstanceOf(io.tollgate.engine.ticket.TicketNotAllowedException.class);
        assertUntouched();
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine, again");
        if (where == DeletedBeforeItRan.AWAITING_THE_DBA) {
            tickets.decide(task(ticket.id(), TicketTask.Kind.DBA_APPROVAL).taskId(), "dba", List.of("dba"), true,
                    "fine");
        }
        switch (where) {
            case SCHEDULED -> {
                assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.SCHEDULED);
                Job timer = managementService.createJobQuery().timers().processInstanceId(instanceId(ticket.id()))
                        .singleResult();
                assertThat(timer.getDuedate().toInstant()).as("its schedule kept").isCloseTo(
                        record(ticket.id()).scheduledAt(), org.assertj.core.api.Assertions.within(1,
                                java.time.temporal.ChronoUnit.SECONDS));
                assertUntouched(); // and the gate holds it until then, as any scheduled ticket
                return;
            }
            case AWAITING_EXECUTE -> {
                assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);
                tickets.execute(ticket.id(), SUBMITTER);
            }
            default -> { }
        }
        runJobs(ticket.id());
        TicketRecord executed = record(ticket.id());
        assertThat(executed.status()).as(executed.failure()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`"))
                .as("once").isEqualTo("1:11,2:20");
    }

    /** How an admin moves a ticket's restarted process past its review, before the review ran. */
    enum PastTheRestartedReview {
        /** To the submitter's Execute of a manual ticket. */
        TO_THE_EXECUTE,
        /** Straight to the execution; refused, then a DBA's retry. */
        TO_THE_EXECUTION_THEN_A_DBAS_RETRY
    }

    /**
     * The approvals given before an admin deleted a ticket's process no longer count from the moment Tollgate starts
     * it anew, not only once its new review passes: a helper's admin moved the restarted process past its review (the
     * review job held back) and the ticket ran on the approval given before the deletion.
     */
    @ParameterizedTest
    @EnumSource(PastTheRestartedReview.class)
    void approvalsGivenBeforeARestartDoNotCountWhileItsReviewWaits(PastTheRestartedReview how) throws Exception {
        TicketRecord ticket = tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB,
                "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;", "the gate test", ExecutionMode.MANUAL, null));
        runJobs(ticket.id());
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "before the deletion");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_EXECUTION);
        String deleted = instanceId(ticket.id());
        runtimeService.deleteProcessInstance(deleted, "an admin in Cockpit", true);
        String restarted = await().atMost(Duration.ofSeconds(30)).until(() -> instanceId(ticket.id()),
                id -> !id.equals(deleted));

        identityService.setAuthentication("admin", List.of("admin", "camunda-admin"));
        try {
            runtimeService.createProcessInstanceModification(restarted)
                    .cancelAllForActivity(Elements.TASK_REVIEW_TICKET)
                    .startBeforeActivity(how == PastTheRestartedReview.TO_THE_EXECUTE
                            ? Elements.TASK_CONFIRM_EXECUTION : Elements.TASK_EXECUTE_TICKET)
                    .execute();
        } finally {
            identityService.clearAuthentication();
        }
        if (how == PastTheRestartedReview.TO_THE_EXECUTE) {
            tickets.execute(ticket.id(), SUBMITTER);
            runJobs(ticket.id());
            refusedUntouched(ticket.id(), "refused");
        } else {
            runJobs(ticket.id());
            refusedUntouched(ticket.id(), "refused");
            dbaRetries(ticket.id(), "run it");
            refusedUntouched(ticket.id(), "refused");
        }
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.EXECUTED);
    }

    /**
     * A ticket whose process an admin deleted before it ran is still the submitter's to withdraw, on the process
     * started anew.
     */
    @Test
    void aTicketWhoseProcessAnAdminDeletedIsStillWithdrawn() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String deleted = instanceId(ticket.id());
        runtimeService.deleteProcessInstance(deleted, "by hand", true);
        await().atMost(Duration.ofSeconds(30)).until(() -> instanceId(ticket.id()), id -> !id.equals(deleted));

        tickets.withdraw(ticket.id(), SUBMITTER);
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type).endsWith(TicketEvent.Type.WITHDRAWN);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(ticket.id()).count())
                .isZero();
        assertUntouched();
    }

    /**
     * A rollback requested in time whose process an admin deleted before anyone decided it waits for its approval
     * again, without the submitter asking again: before, the ticket stayed "rollback requested" with nothing waiting.
     */
    @Test
    void aRequestedRollbackWhoseProcessAnAdminDeletedIsDecidedAfterAll() throws Exception {
        TicketRecord ticket = executedIncrement();
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo the increment");
        String deleted = instanceId(ticket.id());
        runtimeService.deleteProcessInstance(deleted, "by hand", true);

        TicketTask approval = await().atMost(Duration.ofSeconds(30)).until(() -> tickets.openTasks(ticket.id())
                .stream().filter(t -> t.kind() == TicketTask.Kind.ROLLBACK_APPROVAL).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
        assertThat(record(ticket.id()).trail()).filteredOn(e -> e.type() == TicketEvent.Type.PROCESS_RESTARTED)
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("the approval waits again"));
        tickets.decide(approval.taskId(), "reviewer", List.of("reviewer"), true, "undo it");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertUntouched();
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .filteredOn(type -> type == TicketEvent.Type.ROLLBACK_REQUESTED).hasSize(1);
    }

    /**
     * Nobody (an admin in Cockpit, the engine's Java or REST API) assigns an approval to someone whose decision would
     * not count: before, an admin could give the submitter their own ticket's approval, where nobody could decide it
     * until an admin handed it back. Assigning it to someone who may decide it still works, and they decide it.
     */
    @Test
    void anApprovalIsAssignedOnlyToSomeoneWhoseDecisionWouldCount() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();

        assertThatThrownBy(() -> taskService.setAssignee(taskId, SUBMITTER))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class).rootCause()
                .hasMessageContaining(SUBMITTER + " may not be assigned").hasMessageContaining("four eyes");
        assertThatThrownBy(() -> taskService.claim(taskId, SUBMITTER))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.delegateTask(taskId, SUBMITTER))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThatThrownBy(() -> taskService.setAssignee(taskId, "engineer2"))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class).rootCause()
                .hasMessageContaining("engineer2 may not be assigned");
        // Cockpit's "assign" as the admin (Camunda's own REST API refuses task writes to everyone, ADR 0010)
        Http.Cockpit cockpit = new Http(port).cockpit("admin", "admin-demo");
        HttpResponse<String> assigned = cockpit.send("POST", "/camunda/api/engine/engine/default/task/" + taskId
                + "/assignee", "{\"userId\": \"" + SUBMITTER + "\"}");
        // a refusal, not a server error: 403 with the policy's words (it was a 500 "Exception while invoking ...")
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(403);
        assertThat(assigned.body()).contains("\"message\":\"" + SUBMITTER + " may not be assigned")
                .doesNotContain("Exception while invoking");
        HttpResponse<String> claimed = cockpit.send("POST", "/camunda/api/engine/engine/default/task/" + taskId
                + "/claim", "{\"userId\": \"" + SUBMITTER + "\"}");
        assertThat(claimed.statusCode()).as(claimed.body()).isEqualTo(403);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();
        // each refusal is in the trail, about the ticket: who tried (Cockpit's admin), whom, why
        assertThat(jdbc.queryForList("SELECT actor FROM audit_entry WHERE kind = 'task.assignment-refused'"
                + " AND subject_type = 'ticket' AND subject_id = ?", String.class, ticket.id()))
                .hasSize(6).contains("admin");
        assertThat(tasklist.tasksFor("reviewer", List.of("reviewer"))).extracting(TaskSummary::id).contains(taskId);

        // someone who may decide it may be given it, and decides it
        taskService.setAssignee(taskId, "reviewer");
        tickets.decide(taskId, "reviewer", List.of("reviewer"), true, "fine");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        // and a task that approves nothing is assigned as before (the submitter's own fix or confirmation)
    }

    /**
     * A column change is reviewed against the table as it was: a widening then, approved as one, ran over a column
     * another change had widened further since, and narrowed it, rounding what it held with no error (a helper's
     * finding). Before a ticket's first run its column changes are reviewed again against the target as it is; a
     * review that no longer passes stops the run before anything runs. A ticket whose review still holds runs.
     */
    @Test
    void aColumnChangeWhoseReviewNoLongerHoldsIsNotRun() throws Exception {
        sql("ALTER TABLE `" + table + "` ADD COLUMN price DECIMAL(10,2) NULL");
        TicketRecord stale = reviewed("ALTER TABLE `" + table + "` MODIFY price DECIMAL(12,2) NULL;");
        sql("ALTER TABLE `" + table + "` MODIFY price DECIMAL(12,4) NULL");
        sql("UPDATE `" + table + "` SET price = 2.5049 WHERE id = 1");

        approvedByAll(stale.id());

        TicketRecord refused = record(stale.id());
        assertThat(refused.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(refused.failure()).contains("changed since the ticket's review").contains("price");
        assertThat(query("SELECT price FROM `" + table + "` WHERE id = 1")).isEqualTo("2.5049");
        assertThat(query("SELECT COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + DB
                + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'price'")).isEqualTo("decimal(12,4)");

        TicketRecord holds = reviewed("ALTER TABLE `" + table + "` MODIFY price DECIMAL(14,4) NULL;");
        approvedByAll(holds.id());
        assertThat(record(holds.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /** The reviewer's approval, and the DBA's where the routing asks for it; the jobs run. */
    private void approvedByAll(String ticketId) {
        tickets.decide(task(ticketId, TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine");
        runJobs(ticketId);
        if (record(ticketId).status() == TicketStatus.AWAITING_APPROVAL) {
            tickets.decide(task(ticketId, TicketTask.Kind.DBA_APPROVAL).taskId(), "dba", List.of("dba"), true,
                    "fine");
            runJobs(ticketId);
        }
    }

    /**
     * An admin's modifications that start the execution several times leave several "decide after the failure" tasks
     * once the gate refuses each: a DBA's close ends the ticket, and the tasks left over decide nothing more (a
     * helper's finding: a retry on one of them reopened the closed ticket).
     */
    @Test
    void aClosedTicketIsNotReopenedByADecisionTaskLeftOver() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String instanceId = instanceId(ticket.id());
        runtimeService.createProcessInstanceModification(instanceId)
                .startBeforeActivity(Elements.TASK_EXECUTE_TICKET)
                .startBeforeActivity(Elements.TASK_EXECUTE_TICKET)
                .execute();
        runJobs(ticket.id());
        List<String> left = taskService.createTaskQuery().processInstanceId(instanceId)
                .taskDefinitionKey(Elements.TASK_RESOLVE_FAILURE).list().stream().map(t -> t.getId()).toList();
        assertThat(left).hasSizeGreaterThan(1);
        assertUntouched();

        tickets.resolve(left.get(0), "dba", List.of("dba"), io.tollgate.engine.ticket.FailureResolution.CLOSE,
                "an admin's experiment");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.CLOSED_FAILED);

        assertThatThrownBy(() -> tickets.resolve(left.get(1), "dba", List.of("dba"),
                io.tollgate.engine.ticket.FailureResolution.RETRY, "again"))
                .isInstanceOf(io.tollgate.engine.ticket.TicketNotAllowedException.class)
                .hasMessageContaining("closed failed");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.CLOSED_FAILED);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.RETRY_REQUESTED);
        assertUntouched();
    }

    /**
     * What a reviewer decided is what is recorded and what the process follows, whatever an admin wrote on the task:
     * a task-local {@code approved} (Cockpit's task variables) was read by the record and not by the process's
     * gateway, so a rejection was recorded as an approval, and a DBA's retry then ran the SQL (a helper's finding).
     */
    @Test
    void aTaskLocalVariableAnAdminWroteIsNotTheDecision() throws Exception {
        TicketRecord rejected = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String taskId = task(rejected.id(), TicketTask.Kind.APPROVAL).taskId();
        taskService.setVariableLocal(taskId, SqlTicketProcess.Variables.APPROVED.name(), true);
        taskService.setVariableLocal(taskId, SqlTicketProcess.Variables.COMMENT.name(), "forged");

        tickets.decide(taskId, "reviewer", List.of("reviewer"), false, "not this one");
        runJobs(rejected.id());

        assertThat(record(rejected.id()).status()).isEqualTo(TicketStatus.REJECTED);
        assertThat(record(rejected.id()).trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.REJECTED)
                .doesNotContain(TicketEvent.Type.APPROVED);
        assertThat(record(rejected.id()).trail()).extracting(TicketEvent::detail).doesNotContain("forged");
        assertThat(jdbc.queryForList("SELECT approved FROM approval_decision WHERE subject_id = ?", Boolean.class,
                rejected.id())).containsExactly(false);
        assertUntouched();

        // an approval is an approval, and a variable of another type breaks nothing
        TicketRecord approved = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String other = task(approved.id(), TicketTask.Kind.APPROVAL).taskId();
        taskService.setVariableLocal(other, SqlTicketProcess.Variables.APPROVED.name(), "no");
        tickets.decide(other, "reviewer", List.of("reviewer"), true, "fine");
        runJobs(approved.id());
        assertThat(record(approved.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * Cockpit's task form lets an admin write a task's owner and delegation state by hand, and then resolve it:
     * resolving hands the task to its owner. An approval whose owner is its submitter is not handed to them that way
     * (resolved, or its form submitted), nor is it delegated to them from someone who may decide it.
     */
    @Test
    void anApprovalIsNotHandedToItsSubmitterByAHandMadeDelegation() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();
        org.camunda.bpm.engine.task.Task delegated = taskService.createTaskQuery().taskId(taskId).singleResult();
        delegated.setOwner(SUBMITTER);
        delegated.setDelegationState(org.camunda.bpm.engine.task.DelegationState.PENDING);
        taskService.saveTask(delegated);

        assertThatThrownBy(() -> taskService.resolveTask(taskId))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class).rootCause()
                .hasMessageContaining(SUBMITTER + " may not be assigned").hasMessageContaining("four eyes");
        assertThatThrownBy(() -> formService.submitTaskForm(taskId, Map.of()))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isNull();

        // a reviewer given the task delegates it to the submitter: refused as well
        delegated = taskService.createTaskQuery().taskId(taskId).singleResult();
        delegated.setOwner(null);
        delegated.setDelegationState(null);
        taskService.saveTask(delegated);
        taskService.setAssignee(taskId, "reviewer");
        assertThatThrownBy(() -> taskService.delegateTask(taskId, SUBMITTER))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("reviewer");
        tickets.decide(taskId, "reviewer", List.of("reviewer"), true, "fine");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * An admin who executed the rollback window's timer in Cockpit, or moved its due date to now, closed the window
     * early: the submitter could no longer roll the ticket back through Tollgate. The window closes at the time
     * Tollgate records (its execution plus the configured window), whatever moved the timer.
     */
    @Test
    void theRollbackWindowDoesNotCloseBeforeItsRecordedTime() throws Exception {
        TicketRecord ticket = executedIncrement();
        Job window = managementService.createJobQuery().timers().processInstanceId(instanceId(ticket.id()))
                .singleResult();
        assertThatThrownBy(() -> managementService.executeJob(window.getId()))
                .hasStackTraceContaining("the rollback window of ticket " + ticket.id() + " is open until");
        managementService.setJobDuedate(window.getId(), new Date());
        assertThatThrownBy(() -> managementService.executeJob(window.getId()))
                .hasStackTraceContaining("is open until");

        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo the increment");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
        assertThat(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL)).isNotNull();
    }

    /** How an admin could end the wait for a rollback request in Cockpit before the window's time. */
    enum WindowEnded {
        /** "Modify": the wait cancelled, the process moved to its end. */
        MOVED_TO_ITS_END,
        /** "Delete" with custom listeners skipped. */
        DELETED,
        /** "Modify": moved to the rollback approval without a request (nobody could decide it). */
        MOVED_TO_THE_ROLLBACK_APPROVAL
    }

    /**
     * The submitter may ask for a rollback within the window Tollgate records, whatever an admin did to the process:
     * before, ending, deleting or moving it in Cockpit made the request a 409 "window has closed" (or left a
     * rollback approval nobody could decide), with the ticket still EXECUTED.
     */
    @ParameterizedTest
    @EnumSource(WindowEnded.class)
    void aRollbackIsRequestedWithinItsWindowWhateverAnAdminDidToTheProcess(WindowEnded how) throws Exception {
        TicketRecord ticket = executedIncrement();
        String instanceId = instanceId(ticket.id());
        switch (how) {
            case MOVED_TO_ITS_END -> runtimeService.createProcessInstanceModification(instanceId)
                    .cancelAllForActivity(Elements.GATEWAY_AFTER_EXECUTION)
                    .startBeforeActivity(Elements.END_EVENT_EXECUTED).execute(true, true);
            case DELETED -> runtimeService.deleteProcessInstance(instanceId, "by hand", true);
            case MOVED_TO_THE_ROLLBACK_APPROVAL -> runtimeService.createProcessInstanceModification(instanceId)
                    .cancelAllForActivity(Elements.GATEWAY_AFTER_EXECUTION)
                    .startBeforeActivity(Elements.TASK_ROLLBACK_APPROVAL).execute(true, true);
        }

        tickets.requestRollback(ticket.id(), SUBMITTER, "undo the increment");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), "reviewer",
                List.of("reviewer"), true, "undo it");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLED_BACK);
        assertUntouched();
    }

    @Test
    void onePersonCannotGiveBothTheReviewerAndTheDbaApproval() throws Exception {
        TicketRecord ticket = reviewedOn(PROD_INSTANCE, "ALTER TABLE `" + table + "` ADD COLUMN note VARCHAR(10) NULL COMMENT 'n';");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer-dba",
                List.of("reviewer", "dba"), true, "as reviewer");
        String dbaTask = task(ticket.id(), TicketTask.Kind.DBA_APPROVAL).taskId();

        assertThatThrownBy(() -> tickets.decide(dbaTask, "reviewer-dba", List.of("reviewer", "dba"), true, "as DBA"))
                .isInstanceOf(ApprovalRefusedException.class).hasMessageContaining("needs someone else");
        assertThatThrownBy(() -> taskService.setAssignee(dbaTask, "reviewer-dba"))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class).rootCause()
                .hasMessageContaining("needs someone else");
        assertThatThrownBy(() -> taskService.complete(dbaTask, Map.of("approved", true)))
                .hasRootCauseInstanceOf(ApprovalRefusedException.class);

        // another DBA may, and then it runs
        tickets.decide(dbaTask, "dba", List.of("dba"), true, "as DBA");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(columns()).contains("note");
    }

    @Test
    void sqlChangedAfterItsApprovalDoesNotRun() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String instanceId = instanceId(ticket.id());
        // hold the approved ticket before it executes, then change its SQL in Tollgate's table
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");
        jdbc.update("UPDATE sql_ticket SET sql_text = ? WHERE ticket_id = ?",
                "DELETE FROM `" + table + "` WHERE id = 2;", ticket.id());
        assertThat(managementService.createJobQuery().processInstanceId(instanceId).executable().count()).isOne();
        runJobs(ticket.id());

        assertUntouched();
        assertThat(record(ticket.id()).failure()).contains("its SQL is not the SQL that passed review");
    }

    @Test
    void aRollbackStartedWithoutItsApprovalUndoesNothing() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("0");

        runtimeService.createProcessInstanceModification(instanceId(ticket.id()))
                .startBeforeActivity(Elements.TASK_ROLL_BACK_TICKET)
                .execute();
        Job rollback = managementService.createJobQuery().processInstanceId(instanceId(ticket.id()))
                .activityId(Elements.TASK_ROLL_BACK_TICKET).singleResult();
        assertThatThrownBy(() -> managementService.executeJob(rollback.getId()))
                .hasStackTraceContaining("not in a rollback approved in Tollgate");

        // nothing undone, and the ticket as it was: executed, its window open (before, a failed rollback that a DBA
        // could only close as a failed ticket, and that its submitter could no longer roll back)
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("0");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .doesNotContain(TicketEvent.Type.EXECUTION_REFUSED, TicketEvent.Type.ROLLED_BACK);
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo it after all");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.ROLLBACK_REQUESTED);
    }

    /** What a DBA (who manages instances) could do to an approved ticket's instance before it runs. */
    enum Repointed {
        /** The instance moved to another server (here the same one by another name, as Tollgate cannot tell). */
        HOST,
        /** The instance said to be in another environment, whose tickets need other approvals. */
        ENVIRONMENT,
        /** The instance renamed away and another registration renamed to its name. */
        SWAPPED
    }

    /**
     * A ticket is approved for the instance as its review found it: where it pointed, its environment, its
     * registration. A DBA who approves nothing alone but manages instances could have a DEV ticket approved by a
     * reviewer and then point its instance at production; each way of doing it leaves the target untouched, and the
     * ticket runs once the instance is as it was reviewed.
     */
    @ParameterizedTest
    @EnumSource(Repointed.class)
    void aTicketRunsOnlyOnTheInstanceItWasReviewedAndApprovedFor(Repointed how) throws Exception {
        String name = "gate-move-" + UUID.randomUUID().toString().substring(0, 8);
        InstanceForm reviewed = TARGET.form(name, false);
        String id = instances.register(reviewed, "admin").id();
        TicketRecord ticket = reviewedOn(name, "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");

        String otherHost = "127.0.0.1".equals(reviewed.host()) ? "localhost" : "127.0.0.1";
        switch (how) {
            case HOST -> instances.update(id, new InstanceForm(name, otherHost, reviewed.port(), reviewed.username(),
                    "", reviewed.environment(), false, reviewed.reviewerGroup()), "dba");
            case ENVIRONMENT -> instances.update(id, new InstanceForm(name, reviewed.host(), reviewed.port(),
                    reviewed.username(), "", Environment.PROD, false, reviewed.reviewerGroup()), "dba");
            case SWAPPED -> {
                instances.update(id, TARGET.form(name + "-old", false), "dba");
                instances.register(new InstanceForm(name, otherHost, reviewed.port(), reviewed.username(),
                        TARGET.form(name, false).password(), Environment.DEV, false, reviewed.reviewerGroup()), "dba");
            }
        }
        runJobs(ticket.id());

        refusedUntouched(ticket.id(), "not run: the gate refused it",
                "it was reviewed and approved for instance " + name + " at " + reviewed.host() + ":"
                        + reviewed.port() + " (DEV)");
        // a DBA's retry meets the same gate until the instance is as it was reviewed
        dbaRetries(ticket.id(), "try again");
        assertUntouched();
        if (how != Repointed.SWAPPED) {
            instances.update(id, TARGET.form(name, false), "dba");
            dbaRetries(ticket.id(), "as reviewed again");
            assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
            assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).isEqualTo("0");
        }
    }

    /** A rollback runs only where its ticket ran: the instance as it was reviewed. */
    @Test
    void aRollbackRunsOnlyOnTheInstanceItsTicketRanOn() throws Exception {
        String name = "gate-move-" + UUID.randomUUID().toString().substring(0, 8);
        InstanceForm reviewed = TARGET.form(name, false);
        String id = instances.register(reviewed, "admin").id();
        TicketRecord ticket = reviewedOn(name, "UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);

        instances.update(id, new InstanceForm(name, "127.0.0.1".equals(reviewed.host()) ? "localhost" : "127.0.0.1",
                reviewed.port(), reviewed.username(), "", Environment.DEV, false, reviewed.reviewerGroup()), "dba");
        tickets.requestRollback(ticket.id(), SUBMITTER, "undo it");
        tickets.decide(task(ticket.id(), TicketTask.Kind.ROLLBACK_APPROVAL).taskId(), "reviewer",
                List.of("reviewer"), true, "ok");
        runJobs(ticket.id());

        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 1")).as("not rolled back").isEqualTo("0");
        assertThat(record(ticket.id()).failure()).contains("not run: the gate refused it",
                "it was reviewed and approved for instance " + name);
        assertThat(record(ticket.id()).trail()).extracting(TicketEvent::type)
                .contains(TicketEvent.Type.EXECUTION_REFUSED).doesNotContain(TicketEvent.Type.ROLLED_BACK);
    }

    @Test
    void taskMailsNameTheSubmitterAsTollgateRecordedIt() {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        assertThat(outbox.list(Optional.empty(), 500))
                .filteredOn(m -> m.kind() == MailKind.TASK_CREATED && m.textBody().contains(ticket.id()))
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.textBody()).contains("Requested by " + SUBMITTER + "."));
    }

    @Test
    void beforeImagesAreReadByTheSubmitterAndThoseWhoMayNotByOtherEngineers() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "ok");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).rollbackSql()).isNotEmpty();
        Http http = new Http(port);
        String path = "/api/v1/tickets/" + ticket.id();

        // the ticket itself carries the steps' count, not their values: those are read where each read is recorded
        for (String[] reader : new String[][] {{"engineer", "engineer-demo"}, {"reviewer", "reviewer-demo"},
                {"auditor", "auditor-demo"}, {"engineer2", "engineer2-pass"}}) {
            HttpResponse<String> read = http.get(path, reader[0], reader[1]);
            assertThat(read.statusCode()).as(reader[0]).isEqualTo(200);
            assertThat(read.body()).as(reader[0]).contains("\"rollbackSql\":[]").doesNotContain("`qty` = ");
        }
        assertThat(http.get(path, "engineer", "engineer-demo").body()).contains("\"rollbackSqlCount\":1");
        assertThat(http.get(path, "engineer2", "engineer2-pass").body()).contains("\"rollbackSqlCount\":0");
        assertThat(http.get(path + "/rollback-sql", "engineer", "engineer-demo").body()).contains("`qty` = ");
        assertThat(http.get(path + "/rollback-sql", "reviewer", "reviewer-demo").body()).contains("`qty` = ");
        // one step a page, or from the second step on: each page that carries steps is a read (a helper's finding)
        assertThat(http.get(path + "/rollback-sql?offset=0&limit=1", "auditor", "auditor-demo").body())
                .contains("`qty` = ");
        assertThat(http.get(path + "/rollback-sql?offset=1", "auditor", "auditor-demo").body())
                .doesNotContain("`qty` = ");
        assertThat(http.get(path + "/rollback-sql", "engineer2", "engineer2-pass").statusCode()).isEqualTo(403);
        String read = " read the rollback SQL (before-images) of ticket " + ticket.id() + ": its step 1 read over the API";
        assertThat(jdbc.queryForList("SELECT summary FROM audit_entry WHERE kind = 'ticket.before-images-read'"
                + " AND subject_id = ? ORDER BY id", String.class, ticket.id()))
                .containsExactly("engineer" + read, "reviewer" + read, "auditor" + read);
        assertThat(http.get(path, "sre", "sre-demo").statusCode()).isEqualTo(403);
        assertThat(http.get(path, "process-owner", "process-owner-demo").statusCode()).isEqualTo(403);
    }

    /**
     * A batch of decisions (the tasklist's "Approve selected", {@code POST /api/v1/tasks/decisions}) is no way around
     * a single decision's checks: each task is decided, or refused with why, as it would be alone, and what is
     * refused leaves its ticket waiting and is evidence in the audit trail.
     */
    @Test
    void aBatchOfDecisionsChecksEveryTaskAsASingleDecisionWould() throws Exception {
        TicketRecord first = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        TicketRecord own = reviewed("DELETE FROM `" + table + "` WHERE id = 1;", "reviewer-dba");
        TicketRecord second = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 2;");
        String firstTask = task(first.id(), TicketTask.Kind.APPROVAL).taskId();
        String ownTask = task(own.id(), TicketTask.Kind.APPROVAL).taskId();
        String secondTask = task(second.id(), TicketTask.Kind.APPROVAL).taskId();
        Http http = new Http(port);

        // an engineer is not eligible for any of them: nothing decided, each refusal says why
        HttpResponse<String> notEligible = http.postJson(BATCH, "engineer2", "engineer2-pass",
                "{\"taskIds\": [\"" + firstTask + "\", \"" + secondTask + "\"], \"approve\": true}");
        assertThat(notEligible.statusCode()).as(notEligible.body()).isEqualTo(200);
        assertThat(notEligible.body()).contains("\"decided\":0").contains("\"notDecided\":2")
                .contains("\"outcome\":\"REFUSED\"").doesNotContain("DECIDED\"");

        // the reviewer-DBA names their own ticket among others, and a task that does not exist
        HttpResponse<String> mixed = http.postJson(BATCH, "reviewer-dba", "reviewer-dba-pass",
                "{\"taskIds\": [\"" + firstTask + "\", \"" + ownTask + "\", \"" + secondTask
                        + "\", \"no-such-task\"], \"approve\": true, \"comment\": \"all fine\"}");
        assertThat(mixed.statusCode()).as(mixed.body()).isEqualTo(200);
        assertThat(mixed.body()).contains("\"decided\":2").contains("\"notDecided\":2")
                .contains("{\"taskId\":\"" + firstTask + "\",\"processKey\":\"sqlTicket\",\"businessKey\":\""
                        + first.id() + "\",\"outcome\":\"DECIDED\",\"reason\":null}")
                .contains("{\"taskId\":\"" + ownTask + "\",\"processKey\":\"sqlTicket\",\"businessKey\":\""
                        + own.id() + "\",\"outcome\":\"REFUSED\"")
                .contains("{\"taskId\":\"no-such-task\",\"processKey\":null,\"businessKey\":null,"
                        + "\"outcome\":\"NOT_FOUND\"");
        assertThat(mixed.body().indexOf(firstTask)).isLessThan(mixed.body().indexOf(ownTask));
        runJobs(first.id());
        runJobs(second.id());
        assertThat(record(first.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(record(second.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(record(own.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(record(own.id()).trail()).extracting(TicketEvent::type).doesNotContain(TicketEvent.Type.APPROVED);
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:0,2:0");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE kind = 'approval.refused'"
                + " AND actor = 'reviewer-dba' AND summary LIKE ?", Long.class, "%" + own.id() + "%")).isOne();
        // filed under the ticket, as a single decision's refusal is: a search by the ticket's id finds it (it was
        // filed under the batch's path, which no auditor searches by)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE kind = 'approval.refused'"
                + " AND actor = 'reviewer-dba' AND subject_type = 'ticket' AND subject_id = ?", Long.class, own.id()))
                .isOne();

        // a batch that cannot be taken whole decides nothing: a task named twice, a rejection without a reason,
        // too many tasks, a field that is no part of a decision
        TicketRecord third = reviewed("UPDATE `" + table + "` SET qty = 5 WHERE id = 2;");
        String thirdTask = task(third.id(), TicketTask.Kind.APPROVAL).taskId();
        for (String body : List.of(
                "{\"taskIds\": [\"" + thirdTask + "\", \"" + thirdTask + "\"], \"approve\": true}",
                "{\"taskIds\": [\"" + thirdTask + "\"], \"approve\": false}",
                // a reason of characters nobody sees says nothing (a helper's was taken task by task, "not allowed")
                "{\"taskIds\": [\"" + thirdTask + "\"], \"approve\": false, \"comment\": \"\\u200b\\u3164\"}",
                "{\"taskIds\": [\"" + thirdTask + "\"], \"approve\": true, \"variables\": {\"approved\": true}}",
                "{\"taskIds\": [\"" + thirdTask + "\", \"\"], \"approve\": true}",
                "{\"taskIds\": [], \"approve\": true}",
                "{\"taskIds\": \"" + thirdTask + "\", \"approve\": true}",
                "{\"taskIds\": [\"" + thirdTask + "\"], \"approve\": \"yes\"}",
                "{\"taskIds\": [\"" + thirdTask + "\"" + ", \"x\"".repeat(100) + "], \"approve\": true}")) {
            HttpResponse<String> refused = http.postJson(BATCH, "reviewer", "reviewer-demo", body);
            assertThat(refused.statusCode()).as(body + " -> " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).startsWith("{\"status\":400,");
        }
        assertThat(record(third.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);

        // rejecting in a batch takes the one reason for each
        HttpResponse<String> rejected = http.postJson(BATCH, "reviewer", "reviewer-demo",
                "{\"taskIds\": [\"" + thirdTask + "\"], \"approve\": false, \"comment\": \"not on row 2\"}");
        assertThat(rejected.body()).contains("\"decided\":1");
        assertThat(record(third.id()).status()).isEqualTo(TicketStatus.REJECTED);
        assertThat(query("SELECT qty FROM `" + table + "` WHERE id = 2")).isEqualTo("0");
    }

    /**
     * A comment or reason longer than Tollgate keeps is refused with the limit before anything is decided or recorded
     * (a 200,000-character rejection once failed at the database with a 500, after the checks).
     */
    @Test
    void oversizedCommentsAndReasonsAreRefusedBeforeAnythingIsRecorded() throws Exception {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;");
        String taskId = task(ticket.id(), TicketTask.Kind.APPROVAL).taskId();
        Http http = new Http(port);
        String huge = "x".repeat(200_000);

        HttpResponse<String> rejected = http.postJson("/api/v1/tickets/" + ticket.id() + "/decision", "reviewer",
                "reviewer-demo", "{\"approve\": false, \"comment\": \"" + huge + "\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
        assertThat(rejected.body()).startsWith("{\"status\":400,").contains("longer than 2000 characters");
        HttpResponse<String> byTask = http.postJson("/api/v1/tasks/" + taskId + "/decision", "reviewer",
                "reviewer-demo", "{\"approve\": true, \"comment\": \"" + "y".repeat(2001) + "\"}");
        assertThat(byTask.statusCode()).as(byTask.body()).isEqualTo(400);
        HttpResponse<String> batch = http.postJson(BATCH, "reviewer", "reviewer-demo",
                "{\"taskIds\": [\"" + taskId + "\"], \"approve\": true, \"comment\": \"" + huge + "\"}");
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(400);
        assertThat(batch.body()).contains("\"field\":\"comment\"");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.AWAITING_APPROVAL);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM approval_decision WHERE subject_id = ?", Long.class,
                ticket.id())).isZero();

        // 2,000 characters are kept whole
        tickets.decide(taskId, "reviewer", List.of("reviewer"), true, "z".repeat(2000));
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        assertThat(jdbc.queryForObject("SELECT LENGTH(comment_text) FROM approval_decision WHERE subject_id = ?",
                Integer.class, ticket.id())).isEqualTo(2000);

        HttpResponse<String> rollback = http.postJson("/api/v1/tickets/" + ticket.id() + "/rollback", SUBMITTER,
                "engineer-demo", "{\"reason\": \"" + huge + "\"}");
        assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(400);
        assertThat(rollback.body()).contains("the reason is longer than 2000 characters");
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
    }

    /**
     * A submitter may ask for a reviewer: the approval is assigned to them, and mailed to them alone, only when the
     * approval policy lets them take it when it is created. The person comes from the ticket's row: rewriting the
     * process variable assigns nobody else; a reviewer disabled meanwhile leaves it offered to the group; asking
     * oneself, an unknown name or someone outside the instance's reviewers is refused at submission.
     */
    @Test
    void aRequestedReviewerIsAssignedTheApprovalOnlyWhenThePolicyLetsThemTakeIt() throws Exception {
        if (accounts.find("rev-asked").isEmpty()) {
            accounts.createLocal("rev-asked", "rev-asked-pass", "Asked reviewer", "rev-asked@example.org",
                    EnumSet.of(Role.REVIEWER));
        }
        assertThat(tickets.reviewersFor(INSTANCE, SUBMITTER)).contains("reviewer", "rev-asked")
                .doesNotContain(SUBMITTER, "dba");

        // the variable is rewritten before the review: the row's reviewer is the one assigned
        TicketRecord asked = tickets.submit(SUBMITTER, draft("UPDATE `" + table + "` SET qty = 0 WHERE id = 1;",
                "rev-asked"));
        runtimeService.setVariable(instanceId(asked.id()), "requestedReviewer", "engineer2");
        runJobs(asked.id());
        assertThat(record(asked.id()).requestedReviewer()).isEqualTo("rev-asked");
        String taskId = task(asked.id(), TicketTask.Kind.APPROVAL).taskId();
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getAssignee()).isEqualTo("rev-asked");
        assertThat(outbox.list(Optional.empty(), 500))
                .filteredOn(m -> m.kind() == MailKind.TASK_CREATED && m.textBody().contains(asked.id()))
                .extracting(m -> m.recipient()).containsExactly("rev-asked");
        assertThatThrownBy(() -> tickets.decide(taskId, "reviewer", List.of("reviewer"), true, "mine now"))
                .isInstanceOf(io.tollgate.engine.ticket.TicketNotAllowedException.class)
                .hasMessageContaining("claimed by rev-asked");
        tickets.decide(taskId, "rev-asked", List.of("reviewer"), true, "asked and approved");
        runJobs(asked.id());
        assertThat(record(asked.id()).status()).isEqualTo(TicketStatus.EXECUTED);

        // disabled between the submission and the review: offered to the group as without a reviewer
        TicketRecord gone = tickets.submit(SUBMITTER, draft("UPDATE `" + table + "` SET qty = 5 WHERE id = 2;",
                "rev-asked"));
        accounts.setDisabledByAdmin("rev-asked", true);
        try {
            runJobs(gone.id());
            assertThat(task(gone.id(), TicketTask.Kind.APPROVAL).assignee()).isNull();
        } finally {
            accounts.setDisabledByAdmin("rev-asked", false);
        }

        for (String[] refused : new String[][] {
                {SUBMITTER, "you cannot ask yourself"},
                {"nobody-by-that-name", "cannot review tickets on " + INSTANCE + "; ask one of:"},
                {"dba", "'dba' cannot review tickets on " + INSTANCE}}) {
            assertThatThrownBy(() -> tickets.submit(SUBMITTER, draft("UPDATE `" + table + "` SET qty = 1;",
                    refused[0]))).isInstanceOf(io.tollgate.engine.ticket.InvalidTicketException.class)
                    .hasMessageContaining(refused[1]);
        }
    }

    private TicketDraft draft(String sql, String reviewer) {
        return new TicketDraft("gate on " + table, INSTANCE, DB, sql, "the gate test", ExecutionMode.AFTER_APPROVAL,
                null, reviewer);
    }

    // --- helpers

    private TicketRecord reviewed(String sql) {
        return reviewed(sql, SUBMITTER);
    }

    private TicketRecord reviewedOn(String instance, String sql) {
        return reviewed(instance, sql, SUBMITTER);
    }

    private TicketRecord reviewed(String sql, String submitter) {
        return reviewed(INSTANCE, sql, submitter);
    }

    private TicketRecord scheduled(String sql, Instant at) {
        TicketRecord ticket = tickets.submit(SUBMITTER, new TicketDraft("gate on " + table, INSTANCE, DB, sql,
                "the gate test", ExecutionMode.SCHEDULED, at));
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).as("%s", record(ticket.id()).findings())
                .isEqualTo(TicketStatus.AWAITING_APPROVAL);
        return ticket;
    }

    private TicketRecord reviewed(String instance, String sql, String submitter) {
        TicketRecord ticket = tickets.submit(submitter, new TicketDraft("gate on " + table, instance, DB, sql,
                "the gate test", ExecutionMode.AFTER_APPROVAL, null));
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).as("%s", record(ticket.id()).findings())
                .isEqualTo(TicketStatus.AWAITING_APPROVAL);
        return ticket;
    }

    /** A ticket that added one to row 1's quantity (1:11), approved by the reviewer and executed. */
    private TicketRecord executedIncrement() {
        TicketRecord ticket = reviewed("UPDATE `" + table + "` SET qty = qty + 1 WHERE id = 1;");
        tickets.decide(task(ticket.id(), TicketTask.Kind.APPROVAL).taskId(), "reviewer", List.of("reviewer"), true,
                "fine");
        runJobs(ticket.id());
        assertThat(record(ticket.id()).status()).isEqualTo(TicketStatus.EXECUTED);
        return ticket;
    }

    /** What an admin's Cockpit "modify" or a model without the steps before it does: straight to execution. */
    /**
     * Makes the shipped routing decision the latest again, then deletes the test's deployment: the latest version of
     * the decision is kept (ADR 0067), an older one goes.
     */
    private void deleteDecisionDeployment(String deploymentId) {
        repositoryService.createDeployment().name("shipped routing again")
                .addClasspathResource(SqlTicketProcess.ApprovalDecision.RESOURCE).deploy();
        repositoryService.deleteDeployment(deploymentId, true);
    }

    private void movedToItsExecution(String instanceId) {
        runtimeService.createProcessInstanceModification(instanceId)
                .cancelAllForActivity(Elements.SUB_PROCESS_BEFORE_EXECUTION)
                .startBeforeActivity(Elements.TASK_EXECUTE_TICKET)
                .execute();
    }

    /** A DBA's decision after a failure: run it again (through the gate again). */
    private void dbaRetries(String ticketId, String why) {
        tickets.resolve(task(ticketId, TicketTask.Kind.RESOLVE_FAILURE).taskId(), "dba", List.of("dba"),
                io.tollgate.engine.ticket.FailureResolution.RETRY, why);
        runJobs(ticketId);
    }

    /** The gate's refusal: the target untouched, the ticket failed with {@code words}, the refusal in its trail. */
    private TicketRecord refusedUntouched(String ticketId, String... words) throws SQLException {
        assertUntouched();
        TicketRecord refused = record(ticketId);
        assertThat(refused.status()).isEqualTo(TicketStatus.EXECUTION_FAILED);
        assertThat(refused.failure()).contains(words);
        assertThat(refused.trail()).extracting(TicketEvent::type).contains(TicketEvent.Type.EXECUTION_REFUSED)
                .doesNotContain(TicketEvent.Type.EXECUTED);
        return refused;
    }

    private void assertUntouched() throws SQLException {
        assertThat(query("SELECT GROUP_CONCAT(id, ':', qty ORDER BY id) FROM `" + table + "`")).isEqualTo("1:10,2:20");
    }

    private static String extraColumns(String table) {
        return "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '" + DB + "' AND table_name = '"
                + table + "' AND column_name = 'extra'";
    }

    private String columns() throws SQLException {
        return query("SELECT GROUP_CONCAT(column_name) FROM information_schema.columns WHERE table_schema = '"
                + DB + "' AND table_name = '" + table + "'");
    }

    private TicketTask task(String ticketId, TicketTask.Kind kind) {
        return tickets.openTasks(ticketId).stream().filter(t -> t.kind() == kind).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " task on " + ticketId + ": "
                        + tickets.openTasks(ticketId) + " / " + record(ticketId).status()));
    }

    private TicketRecord record(String ticketId) {
        return tickets.find(ticketId).orElseThrow();
    }

    private String instanceId(String ticketId) {
        // the latest: a rollback requested after an admin ended the process starts its path anew
        return historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(ticketId)
                .orderByProcessInstanceStartTime().desc().list().get(0).getId();
    }

    /** Runs the instance's due jobs until none is left. */
    private void runJobs(String ticketId) {
        String instanceId = instanceId(ticketId);
        for (int i = 0; i < 20; i++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instanceId).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
        throw new AssertionError("jobs keep coming on " + ticketId);
    }

    private static Connection target() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + UniqueMariaDbDatabase.SERVER + "/" + DB
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", UniqueMariaDbDatabase.USER,
                UniqueMariaDbDatabase.PASSWORD);
    }

    private static void sql(String sql) throws SQLException {
        try (Connection c = target(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = target(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
