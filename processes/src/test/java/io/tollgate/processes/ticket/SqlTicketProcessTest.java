package io.tollgate.processes.ticket;

import static io.tollgate.processes.ticket.FakeSqlTicketSteps.Outcome.FAIL;
import static io.tollgate.processes.ticket.FakeSqlTicketSteps.Outcome.PASS;
import static io.tollgate.processes.ticket.FakeSqlTicketSteps.Outcome.TARGET_DOWN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.tollgate.processes.ProcessTestEngine;
import io.tollgate.processes.ticket.FakeSqlTicketSteps.Review;
import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ticket.SqlTicketProcess.ExecutionModes;
import io.tollgate.processes.ticket.SqlTicketProcess.Messages;
import io.tollgate.processes.ticket.SqlTicketProcess.Resolutions;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One test per path of {@code sqlTicket} (with its decision deployed), with doubles of its delegates. */
class SqlTicketProcessTest {

    private static final String SUBMITTER = "alice";
    private static final String REVIEWER_GROUP = "orders-reviewers";
    private static final String DBA = "dba";

    private static String deploymentId;

    private final FakeSqlTicketSteps steps = new FakeSqlTicketSteps();

    @BeforeAll
    static void deploy() {
        deploymentId = ProcessTestEngine.deploy(SqlTicketProcess.RESOURCE, ApprovalDecision.RESOURCE);
    }

    @AfterEach
    void removeInstances() {
        ProcessTestEngine.removeInstances();
    }

    @AfterAll
    static void undeploy() {
        ProcessTestEngine.undeploy(deploymentId);
    }

    // --- starting and acting, as Tickets does ---

    private ProcessInstance submit(String environment, String executionMode, Instant scheduledAt) {
        String ticketId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, SUBMITTER);
        steps.environment(environment);
        Variables.REVIEWER_GROUP.into(variables, REVIEWER_GROUP);
        Variables.EXECUTION_MODE.into(variables, executionMode);
        if (scheduledAt != null) {
            Variables.SCHEDULED_AT.into(variables, scheduledAt.toString());
        }
        return runtimeService().startProcessInstanceByKey(SqlTicketProcess.KEY, ticketId, variables);
    }

    private ProcessInstance submit(String executionMode) {
        return submit("TEST", executionMode, null);
    }

    private ProcessInstance submit() {
        return submit(ExecutionModes.AFTER_APPROVAL);
    }

    /** Runs the asynchronous continuation (or timer) waiting at {@code activityId}. */
    private static void runJob(ProcessInstance ticket, String activityId) {
        Job job = job(activityId, ticket);
        assertThat(job).as("job at " + activityId).isNotNull();
        execute(job);
    }

    private static void decide(ProcessInstance ticket, boolean approved) {
        complete(task(ticket), withVariables(Variables.APPROVED.name(), approved, Variables.COMMENT.name(),
                approved ? "looks right" : "wrong table"));
    }

    private static void resolve(ProcessInstance ticket, String resolution) {
        complete(task(ticket), withVariables(Variables.RESOLUTION.name(), resolution, Variables.COMMENT.name(),
                "checked the target"));
    }

    private static void withdraw(ProcessInstance ticket) {
        runtimeService().createMessageCorrelation(Messages.WITHDRAW_TICKET)
                .processInstanceBusinessKey(ticket.getBusinessKey()).correlate();
    }

    private static void requestRollback(ProcessInstance ticket) {
        runtimeService().createMessageCorrelation(Messages.REQUEST_ROLLBACK)
                .processInstanceBusinessKey(ticket.getBusinessKey()).correlate();
    }

    /** Submitted, reviewed, approved by the reviewer group (no DBA needed), executed: in its rollback window. */
    private ProcessInstance executedTicket() {
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION);
        return ticket;
    }

    private static Job rollbackWindow(ProcessInstance ticket) {
        return jobQuery().processInstanceId(ticket.getId()).timers().singleResult();
    }

    // --- the paths ---

    @Test
    void approvedTicketExecutesAndItsRollbackWindowCloses() {
        ProcessInstance ticket = submit();

        assertThat(ticket).isWaitingAt(Elements.TASK_REVIEW_TICKET);
        assertThat(steps.count(Beans.REVIEW_TICKET)).as("the review runs as a job, not with the submission").isZero();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);

        assertThat(ticket).isWaitingAt(Elements.TASK_REVIEWER_APPROVAL)
                .variables().containsEntry(Variables.DBA_APPROVAL_REQUIRED.name(), false);
        assertThat(task(ticket)).hasCandidateGroup(REVIEWER_GROUP);
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).as("execution runs as a job, not with the approval").isZero();
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);

        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION);
        Job window = rollbackWindow(ticket);
        assertThat(window.getDuedate().toInstant())
                .isCloseTo(Instant.now().plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));
        execute(window);

        assertThat(ticket).isEnded().hasPassedInOrder(Elements.TASK_REVIEW_TICKET, Elements.TASK_ROUTE_APPROVAL,
                Elements.TASK_REVIEWER_APPROVAL, Elements.END_EVENT_READY_TO_EXECUTE, Elements.TASK_EXECUTE_TICKET,
                Elements.TIMER_EVENT_ROLLBACK_WINDOW_CLOSED, Elements.END_EVENT_EXECUTED)
                .hasNotPassed(Elements.TASK_DBA_APPROVAL, Elements.TASK_FIX_TICKET, Elements.TASK_ROLL_BACK_TICKET);
        assertThat(steps.count(Beans.OFFER_APPROVAL)).isEqualTo(1);
        assertThat(steps.count(Beans.RECORD_APPROVAL)).isEqualTo(1);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).isEqualTo(1);
    }

    @Test
    void failedReviewIsFixedByTheSubmitterAndReviewedAgain() {
        steps.reviews(FAIL, PASS);
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);

        assertThat(ticket).isWaitingAt(Elements.TASK_FIX_TICKET).hasPassed(Elements.BOUNDARY_EVENT_REVIEW_FAILED);
        assertThat(task(ticket)).isAssignedTo(SUBMITTER);
        complete(task(ticket));

        assertThat(ticket).isWaitingAt(Elements.TASK_REVIEW_TICKET);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        assertThat(ticket).isWaitingAt(Elements.TASK_REVIEWER_APPROVAL);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);

        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION);
        assertThat(steps.count(Beans.REVIEW_TICKET)).isEqualTo(2);
    }

    @Test
    void failedReviewIsWithdrawn() {
        steps.reviews(FAIL);
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        assertThat(ticket).isWaitingAt(Elements.TASK_FIX_TICKET);

        withdraw(ticket);

        assertThat(ticket).isEnded().hasPassed(Elements.BOUNDARY_EVENT_WITHDRAWN, Elements.TASK_RECORD_WITHDRAWAL,
                Elements.END_EVENT_WITHDRAWN).hasNotPassed(Elements.TASK_REVIEWER_APPROVAL);
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isEqualTo(1);
    }

    @Test
    void ticketRejectedByTheReviewerEnds() {
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, false);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_REJECTED_BY_REVIEWER,
                Elements.BOUNDARY_EVENT_REJECTED, Elements.END_EVENT_REJECTED)
                .hasNotPassed(Elements.GATEWAY_DBA_APPROVAL_REQUIRED, Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).isZero();
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isZero();
    }

    @Test
    void dbaApprovesWhenTheDecisionRequiresIt() {
        steps.reviewFinds(new Review("LOW", true, 10));
        ProcessInstance ticket = submit("PROD", ExecutionModes.AFTER_APPROVAL, null);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        assertThat(ticket).variables().containsEntry(Variables.DBA_APPROVAL_REQUIRED.name(), true);
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
        assertThat(task(ticket)).hasCandidateGroup(DBA);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);

        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION).hasPassedInOrder(
                Elements.TASK_REVIEWER_APPROVAL, Elements.TASK_DBA_APPROVAL, Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.OFFER_APPROVAL)).as("each approval clears the previous decision").isEqualTo(2);
        assertThat(steps.count(Beans.RECORD_APPROVAL)).isEqualTo(2);
    }

    @Test
    void theDecisionsInputsAreNotStored() {
        steps.reviewFinds(new Review("HIGH", false, 10));
        ProcessInstance ticket = submit("PROD", ExecutionModes.AFTER_APPROVAL, null);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);

        assertThat(decisionInputs(ticket)).containsExactlyInAnyOrder("PROD", "HIGH", false, 10L);
        assertThat(ticket).variables().containsEntry(Variables.DBA_APPROVAL_REQUIRED.name(), true)
                .doesNotContainKeys(Variables.ENVIRONMENT.name(), Variables.RISK_LEVEL.name(),
                        Variables.HAS_DDL.name(), Variables.ESTIMATED_ROWS.name());
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(ticket.getId())
                .variableNameIn(Variables.ENVIRONMENT.name(), Variables.RISK_LEVEL.name(), Variables.HAS_DDL.name(),
                        Variables.ESTIMATED_ROWS.name()).count()).isZero();
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
    }

    @Test
    void theDecisionReadsTheReviewsInputsOverStoredOnes() {
        // a process started before the inputs became transient (or an admin's variables) holds harmless ones
        steps.reviewFinds(new Review("HIGH", false, 10));
        ProcessInstance ticket = submit("PROD", ExecutionModes.AFTER_APPROVAL, null);
        runtimeService().setVariables(ticket.getId(), Map.of(Variables.ENVIRONMENT.name(), "DEV",
                Variables.RISK_LEVEL.name(), "LOW", Variables.HAS_DDL.name(), false,
                Variables.ESTIMATED_ROWS.name(), 1L));
        runJob(ticket, Elements.TASK_REVIEW_TICKET);

        assertThat(decisionInputs(ticket)).containsExactlyInAnyOrder("PROD", "HIGH", false, 10L);
        assertThat(ticket).variables().containsEntry(Variables.RISK_LEVEL.name(), "HIGH");
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
    }

    @Test
    void aModelThatWaitsBeforeItsDecisionStillRoutesAsTheReviewRecorded() throws Exception {
        // a process owner's model with an asynchronous continuation before the business rule task: the review's
        // transient inputs are gone when the decision runs
        String model;
        try (var in = getClass().getClassLoader().getResourceAsStream(SqlTicketProcess.RESOURCE)) {
            model = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace(
                    "<bpmn:businessRuleTask id=\"Task_RouteApproval\"",
                    "<bpmn:businessRuleTask id=\"Task_RouteApproval\" camunda:asyncBefore=\"true\"");
        }
        String variant = repositoryService().createDeployment().addString("sqlTicket.bpmn", model).deploy().getId();
        try {
            steps.reviewFinds(new Review("HIGH", false, 10)).recordsDba();
            ProcessInstance ticket = submit("PROD", ExecutionModes.AFTER_APPROVAL, null);
            runJob(ticket, Elements.TASK_REVIEW_TICKET);
            assertThat(ticket).variables().doesNotContainKeys(Variables.RISK_LEVEL.name());

            runJob(ticket, Elements.TASK_ROUTE_APPROVAL);
            // the decision answered without its inputs (none matched a rule that asks for a DBA): the routing the
            // review recorded still asks for the DBA, and the gate holds to the record whatever the model routes
            assertThat(decisionInputs(ticket)).containsOnlyNulls();
            assertThat(decisionOutput(ticket)).as("the decision asked for no DBA").isEqualTo(false);
            assertThat(ticket).variables().containsEntry(Variables.DBA_APPROVAL_REQUIRED.name(), true);
            decide(ticket, true);
            assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
        } finally {
            repositoryService().deleteDeployment(variant, true);
        }
    }

    /** The model's decision's one output, as its history recorded it. */
    private static Object decisionOutput(ProcessInstance ticket) {
        var outputs = historyService().createHistoricDecisionInstanceQuery().processInstanceId(ticket.getId())
                .includeOutputs().singleResult().getOutputs();
        assertThat(outputs).hasSize(1);
        return outputs.get(0).getValue();
    }

    private static java.util.List<Object> decisionInputs(ProcessInstance ticket) {
        return historyService().createHistoricDecisionInstanceQuery().processInstanceId(ticket.getId())
                .includeInputs().singleResult().getInputs().stream()
                .map(org.camunda.bpm.engine.history.HistoricDecisionInputInstance::getValue).toList();
    }

    @Test
    void dbaApprovesWhenTheReviewRecordedOneTheDecisionDidNotAskFor() {
        // a moderate-risk DML on TEST: the shipped decision asks for no DBA; the review recorded one (Tollgate's floor)
        steps.reviewFinds(new Review("MODERATE", false, 10)).recordsDba();
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        assertThat(decisionOutput(ticket)).as("the decision asked for no DBA").isEqualTo(false);
        assertThat(ticket).variables().containsEntry(Variables.DBA_APPROVAL_REQUIRED.name(), true);
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
        assertThat(steps.count(Beans.APPLY_RECORDED_ROUTING)).isEqualTo(1);
    }

    @Test
    void ticketRejectedByTheDbaEnds() {
        steps.reviewFinds(new Review("HIGH", false, 10));
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TASK_DBA_APPROVAL);
        decide(ticket, false);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_REJECTED_BY_DBA, Elements.END_EVENT_REJECTED)
                .hasNotPassed(Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).isZero();
    }

    @Test
    void scheduledTicketWaitsForItsTime() {
        Instant scheduledAt = Instant.now().plus(Duration.ofHours(10)).truncatedTo(ChronoUnit.SECONDS);
        ProcessInstance ticket = submit("TEST", ExecutionModes.SCHEDULED, scheduledAt);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TIMER_EVENT_SCHEDULED_TIME);
        Job timer = job(Elements.TIMER_EVENT_SCHEDULED_TIME, ticket);
        assertThat(timer.getDuedate().toInstant()).isEqualTo(scheduledAt);
        execute(timer);

        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION)
                .hasPassed(Elements.TIMER_EVENT_SCHEDULED_TIME).hasNotPassed(Elements.TASK_CONFIRM_EXECUTION);
    }

    @Test
    void scheduledTimeAlreadyPassedWhenApprovedIsDueAtOnce() {
        Instant scheduledAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        ProcessInstance ticket = submit("TEST", ExecutionModes.SCHEDULED, scheduledAt);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);

        Job timer = job(Elements.TIMER_EVENT_SCHEDULED_TIME, ticket);
        assertThat(jobQuery().processInstanceId(ticket.getId()).executable().list())
                .as("a job executor would run it now").extracting(Job::getId).containsExactly(timer.getId());
        execute(timer);
        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);
    }

    @Test
    void manualTicketWaitsForTheSubmitterToPressExecute() {
        ProcessInstance ticket = submit(ExecutionModes.MANUAL);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TASK_CONFIRM_EXECUTION);
        assertThat(task(ticket)).isAssignedTo(SUBMITTER);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).isZero();
        complete(task(ticket));

        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION)
                .hasPassed(Elements.TASK_CONFIRM_EXECUTION).hasNotPassed(Elements.TIMER_EVENT_SCHEDULED_TIME);
    }

    @Test
    void withdrawnWhileWaitingForApproval() {
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        assertThat(ticket).isWaitingAt(Elements.TASK_REVIEWER_APPROVAL);

        withdraw(ticket);

        assertThat(ticket).isEnded().hasPassed(Elements.TASK_RECORD_WITHDRAWAL, Elements.END_EVENT_WITHDRAWN)
                .hasNotPassed(Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isEqualTo(1);
        assertThat(steps.count(Beans.RECORD_APPROVAL)).as("the approval was never decided").isZero();
    }

    @Test
    void withdrawnWhileWaitingForTheSchedule() {
        ProcessInstance ticket = submit("TEST", ExecutionModes.SCHEDULED, Instant.now().plus(Duration.ofDays(1)));
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TIMER_EVENT_SCHEDULED_TIME);

        withdraw(ticket);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_WITHDRAWN).hasNotPassed(Elements.TASK_EXECUTE_TICKET);
        assertThat(jobQuery().processInstanceId(ticket.getId()).count()).as("the timer is cancelled").isZero();
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isEqualTo(1);
    }

    @Test
    void withdrawnWhileWaitingForExecute() {
        ProcessInstance ticket = submit(ExecutionModes.MANUAL);
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TASK_CONFIRM_EXECUTION);

        withdraw(ticket);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_WITHDRAWN).hasNotPassed(Elements.TASK_EXECUTE_TICKET);
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isEqualTo(1);
    }

    @Test
    void withdrawalOnceTheTicketIsAboutToExecuteIsRefused() {
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);

        assertThatThrownBy(() -> withdraw(ticket)).isInstanceOf(MismatchingMessageCorrelationException.class);

        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET).hasPassed(Elements.END_EVENT_READY_TO_EXECUTE);
        assertThat(steps.count(Beans.RECORD_WITHDRAWAL)).isZero();
    }

    @Test
    void failedExecutionIsRetriedByADba() {
        steps.executions(FAIL, PASS);
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);

        assertThat(ticket).isWaitingAt(Elements.TASK_RESOLVE_FAILURE)
                .variables().containsEntry(Variables.FAILURE.name(), "statement 2 failed: duplicate key");
        assertThat(task(ticket)).hasCandidateGroup(DBA);
        resolve(ticket, Resolutions.RETRY);

        assertThat(ticket).isWaitingAt(Elements.TASK_EXECUTE_TICKET);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION);
        assertThat(steps.count(Beans.EXECUTE_TICKET)).isEqualTo(2);
        assertThat(steps.count(Beans.RECORD_RESOLUTION)).isEqualTo(1);
    }

    @Test
    void failedExecutionIsRolledBackByADba() {
        steps.executions(FAIL);
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        resolve(ticket, Resolutions.ROLL_BACK);

        assertThat(ticket).isWaitingAt(Elements.TASK_ROLL_BACK_TICKET);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassedInOrder(Elements.TASK_EXECUTE_TICKET, Elements.TASK_RESOLVE_FAILURE,
                Elements.TASK_ROLL_BACK_TICKET, Elements.END_EVENT_ROLLED_BACK)
                .hasNotPassed(Elements.TASK_ROLLBACK_APPROVAL);
        assertThat(steps.count(Beans.ROLL_BACK_TICKET)).isEqualTo(1);
    }

    @Test
    void failedExecutionIsClosedByADba() {
        steps.executions(FAIL);
        ProcessInstance ticket = submit();
        runJob(ticket, Elements.TASK_REVIEW_TICKET);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_EXECUTE_TICKET);
        resolve(ticket, Resolutions.CLOSE);

        assertThat(ticket).isEnded().hasPassed(Elements.TASK_CLOSE_TICKET, Elements.END_EVENT_CLOSED_AS_FAILED)
                .hasNotPassed(Elements.TASK_ROLL_BACK_TICKET);
        assertThat(steps.count(Beans.CLOSE_TICKET)).isEqualTo(1);
    }

    @Test
    void approvedRollbackRequestRollsBack() {
        ProcessInstance ticket = executedTicket();

        requestRollback(ticket);
        assertThat(ticket).isWaitingAt(Elements.TASK_ROLLBACK_APPROVAL);
        assertThat(task(ticket)).hasCandidateGroup(REVIEWER_GROUP);
        assertThat(rollbackWindow(ticket)).as("the window timer is cancelled").isNull();
        decide(ticket, true);

        assertThat(ticket).isWaitingAt(Elements.TASK_ROLL_BACK_TICKET);
        assertThat(steps.count(Beans.ROLL_BACK_TICKET)).as("the rollback runs as a job").isZero();
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassedInOrder(Elements.MESSAGE_EVENT_ROLLBACK_REQUESTED,
                Elements.TASK_ROLLBACK_APPROVAL, Elements.TASK_ROLL_BACK_TICKET, Elements.END_EVENT_ROLLED_BACK)
                .hasNotPassed(Elements.END_EVENT_EXECUTED);
        assertThat(steps.count(Beans.OFFER_APPROVAL)).isEqualTo(2);
        assertThat(steps.count(Beans.RECORD_APPROVAL)).isEqualTo(2);
    }

    @Test
    void rejectedRollbackRequestReturnsToTheRollbackWindow() {
        ProcessInstance ticket = executedTicket();
        requestRollback(ticket);
        decide(ticket, false);

        assertThat(ticket).isWaitingAt(Elements.GATEWAY_AFTER_EXECUTION);
        assertThat(rollbackWindow(ticket)).as("waiting for the window again").isNotNull();
        assertThat(rollbackWindow(ticket).getDuedate()).as("the same window, not a fresh one")
                .isEqualTo(Date.from(Instant.parse((String) runtimeService().getVariable(ticket.getId(),
                        Variables.ROLLBACK_UNTIL.name()))));
        assertThat(steps.count(Beans.ROLL_BACK_TICKET)).isZero();

        requestRollback(ticket);
        assertThat(ticket).isWaitingAt(Elements.TASK_ROLLBACK_APPROVAL);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_ROLLED_BACK);
        assertThat(steps.count(Beans.RECORD_APPROVAL)).isEqualTo(3);
    }

    @Test
    void failedRollbackIsRetriedByADba() {
        steps.rollbacks(FAIL, PASS);
        ProcessInstance ticket = executedTicket();
        requestRollback(ticket);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isWaitingAt(Elements.TASK_RESOLVE_ROLLBACK_FAILURE)
                .variables().containsEntry(Variables.FAILURE.name(), "the inverse of statement 1 failed: row changed");
        assertThat(task(ticket)).hasCandidateGroup(DBA);
        resolve(ticket, Resolutions.RETRY);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassed(Elements.BOUNDARY_EVENT_ROLLBACK_FAILED, Elements.END_EVENT_ROLLED_BACK);
        assertThat(steps.count(Beans.ROLL_BACK_TICKET)).isEqualTo(2);
        assertThat(steps.count(Beans.RECORD_RESOLUTION)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Resolutions.ROLL_BACK_WITHOUT_CONFLICTS, Resolutions.FORCE_ROLLBACK})
    void rollbackStoppedOnConflictsIsRunAgainAsTheDbaDecided(String resolution) {
        steps.rollbacks(FAIL, PASS);
        ProcessInstance ticket = executedTicket();
        requestRollback(ticket);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);
        assertThat(ticket).isWaitingAt(Elements.TASK_RESOLVE_ROLLBACK_FAILURE);

        resolve(ticket, resolution);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassed(Elements.BOUNDARY_EVENT_ROLLBACK_FAILED, Elements.END_EVENT_ROLLED_BACK);
        assertThat(steps.count(Beans.ROLL_BACK_TICKET)).isEqualTo(2);
    }

    @Test
    void failedRollbackIsClosedByADba() {
        steps.rollbacks(FAIL);
        ProcessInstance ticket = executedTicket();
        requestRollback(ticket);
        decide(ticket, true);
        runJob(ticket, Elements.TASK_ROLL_BACK_TICKET);
        resolve(ticket, Resolutions.CLOSE);

        assertThat(ticket).isEnded().hasPassed(Elements.TASK_RESOLVE_ROLLBACK_FAILURE, Elements.TASK_CLOSE_TICKET,
                Elements.END_EVENT_CLOSED_AS_FAILED).hasNotPassed(Elements.END_EVENT_ROLLED_BACK);
        assertThat(steps.count(Beans.CLOSE_TICKET)).isEqualTo(1);
    }

    // --- retries of the steps that reach the target ---

    @ParameterizedTest
    @ValueSource(strings = {Elements.TASK_REVIEW_TICKET, Elements.TASK_EXECUTE_TICKET, Elements.TASK_ROLL_BACK_TICKET})
    void stepsThatReachTheTargetAreJobsWithTheirRetryPolicy(String taskId) {
        BpmnModelInstance model = repositoryService().getBpmnModelInstance(repositoryService()
                .createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getId());
        ServiceTask task = model.getModelElementById(taskId);

        assertThat(task.isCamundaAsyncBefore()).isTrue();
        assertThat(task.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class)
                .singleResult().getTextContent()).isEqualTo("R3/PT1M");
    }

    @Test
    void unreachableTargetRetriesEachStepByItsPolicy() {
        steps.reviews(TARGET_DOWN).executions(TARGET_DOWN).rollbacks(TARGET_DOWN);
        ProcessInstance ticket = submit();
        failOnceThenRetry(ticket, Elements.TASK_REVIEW_TICKET, Beans.REVIEW_TICKET);
        decide(ticket, true);
        failOnceThenRetry(ticket, Elements.TASK_EXECUTE_TICKET, Beans.EXECUTE_TICKET);
        requestRollback(ticket);
        decide(ticket, true);
        failOnceThenRetry(ticket, Elements.TASK_ROLL_BACK_TICKET, Beans.ROLL_BACK_TICKET);

        assertThat(ticket).isEnded().hasPassed(Elements.END_EVENT_ROLLED_BACK)
                .hasNotPassed(Elements.TASK_FIX_TICKET, Elements.TASK_RESOLVE_FAILURE,
                        Elements.TASK_RESOLVE_ROLLBACK_FAILURE);
    }

    private void failOnceThenRetry(ProcessInstance ticket, String taskId, String bean) {
        Job job = job(taskId, ticket);
        Instant failedAt = Instant.now();
        assertThatThrownBy(() -> managementService().executeJob(job.getId())).hasMessageContaining("safe to retry");

        Job retry = job(taskId, ticket);
        assertThat(retry.getRetries()).as("R3: two retries left").isEqualTo(2);
        assertThat(retry.getDuedate().toInstant()).isCloseTo(failedAt.plus(Duration.ofMinutes(1)),
                within(Duration.ofSeconds(10)));
        execute(retry);
        assertThat(steps.count(bean)).isEqualTo(2);
    }
}
