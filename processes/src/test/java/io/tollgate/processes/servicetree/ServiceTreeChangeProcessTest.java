package io.tollgate.processes.servicetree;

import static io.tollgate.processes.servicetree.FakeServiceTreeSteps.Apply.CONFLICT;
import static io.tollgate.processes.servicetree.FakeServiceTreeSteps.Apply.ZOOKEEPER_DOWN;
import static io.tollgate.processes.servicetree.FakeServiceTreeSteps.Validation.CRITICAL;
import static io.tollgate.processes.servicetree.FakeServiceTreeSteps.Validation.INVALID;
import static io.tollgate.processes.servicetree.FakeServiceTreeSteps.Validation.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.tollgate.processes.ProcessTestEngine;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Messages;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Resolutions;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per path of {@code serviceTreeChange}, with doubles of its delegates. */
class ServiceTreeChangeProcessTest {

    private static ProcessEngine engine;
    private static String deploymentId;

    private final FakeServiceTreeSteps steps = new FakeServiceTreeSteps();

    @BeforeAll
    static void deploy() {
        engine = ProcessTestEngine.get();
        deploymentId = ProcessTestEngine.deploy(ServiceTreeChangeProcess.RESOURCE);
    }

    @AfterEach
    void removeInstances() {
        ProcessTestEngine.removeInstances();
    }

    @AfterAll
    static void undeploy() {
        ProcessTestEngine.undeploy(deploymentId);
    }

    private ProcessInstance request() {
        String changeId = UUID.randomUUID().toString();
        Map<String, Object> variables = new HashMap<>();
        Variables.CHANGE_ID.into(variables, changeId);
        Variables.REQUESTER.into(variables, "alice");
        Variables.SUBJECT.into(variables, "move: a reason");
        Variables.REMIND_AFTER.into(variables, "PT24H");
        Variables.EXPIRE_AFTER.into(variables, "P7D");
        return runtimeService().startProcessInstanceByKey(ServiceTreeChangeProcess.KEY, changeId, variables);
    }

    private static Map<String, Object> decision(boolean approved) {
        return withVariables(Variables.APPROVED.name(), approved, Variables.COMMENT.name(), "looks right");
    }

    @Test
    void approvedChangeIsApplied() {
        steps.validations(VALID);
        ProcessInstance change = request();

        assertThat(change).isWaitingAt(Elements.TASK_OWNER_APPROVAL);
        assertThat(task(change)).hasCandidateUser("bob").hasCandidateGroup("loki-web");
        complete(task(change), decision(true));

        assertThat(change).isWaitingAt(Elements.TASK_APPLY_CHANGE);
        assertThat(steps.count(Beans.APPLY_CHANGE)).as("apply runs as a job, not with the approval").isZero();
        execute(job(change));

        assertThat(change).isEnded().hasPassedInOrder(Elements.TASK_VALIDATE_CHANGE, Elements.TASK_OWNER_APPROVAL,
                Elements.TASK_APPLY_CHANGE, Elements.TASK_VERIFY_CHANGE, Elements.END_EVENT_APPLIED)
                .hasNotPassed(Elements.TASK_SRE_APPROVAL);
        assertThat(steps.count(Beans.RECORD_DECISION)).isEqualTo(1);
        assertThat(steps.count(Beans.VERIFY_CHANGE)).isEqualTo(1);
    }

    @Test
    void criticalChangeNeedsSreApproval() {
        steps.validations(CRITICAL);
        ProcessInstance change = request();
        complete(task(change), decision(true));

        assertThat(change).isWaitingAt(Elements.TASK_SRE_APPROVAL);
        assertThat(task(change)).hasCandidateGroup("sre");
        complete(task(change), decision(true));
        execute(job(change));

        assertThat(change).isEnded().hasPassed(Elements.TASK_SRE_APPROVAL, Elements.END_EVENT_APPLIED);
        assertThat(steps.count(Beans.RECORD_DECISION)).isEqualTo(2);
    }

    @Test
    void rejectedChangeEnds() {
        steps.validations(VALID);
        ProcessInstance change = request();
        complete(task(change), decision(false));

        assertThat(change).isEnded().hasPassed(Elements.END_EVENT_REJECTED).hasNotPassed(Elements.TASK_APPLY_CHANGE);
        assertThat(steps.count(Beans.APPLY_CHANGE)).isZero();
    }

    @Test
    void criticalChangeRejectedBySreEnds() {
        steps.validations(CRITICAL);
        ProcessInstance change = request();
        complete(task(change), decision(true));
        complete(task(change), decision(false));

        assertThat(change).isEnded().hasPassed(Elements.TASK_SRE_APPROVAL, Elements.END_EVENT_REJECTED);
        assertThat(steps.count(Beans.APPLY_CHANGE)).isZero();
    }

    @Test
    void invalidChangeIsRefused() {
        steps.validations(INVALID);
        ProcessInstance change = request();

        assertThat(change).isEnded().hasPassed(Elements.END_EVENT_REFUSED_INVALID)
                .hasNotPassed(Elements.TASK_OWNER_APPROVAL);
    }

    @Test
    void conflictGoesBackToRequesterWhoRevalidates() {
        steps.validations(VALID, VALID).applies(CONFLICT);
        ProcessInstance change = request();
        complete(task(change), decision(true));
        execute(job(change));

        assertThat(change).isWaitingAt(Elements.TASK_RESOLVE_CONFLICT);
        assertThat(task(change)).isAssignedTo("alice");
        assertThat(change).variables().containsEntry(Variables.CONFLICT.name(), "node 7 changed");
        complete(task(change), withVariables(Variables.RESOLUTION.name(), Resolutions.REVALIDATE));

        assertThat(change).isWaitingAt(Elements.TASK_OWNER_APPROVAL);
        assertThat(steps.count(Beans.VALIDATE_CHANGE)).isEqualTo(2);
        complete(task(change), decision(true));
        execute(job(change));

        assertThat(change).isEnded().hasPassed(Elements.END_EVENT_APPLIED);
        assertThat(steps.count(Beans.APPLY_CHANGE)).isEqualTo(2);
    }

    @Test
    void conflictGoesBackToRequesterWhoWithdraws() {
        steps.validations(VALID).applies(CONFLICT);
        ProcessInstance change = request();
        complete(task(change), decision(true));
        execute(job(change));
        complete(task(change), withVariables(Variables.RESOLUTION.name(), Resolutions.WITHDRAW));

        assertThat(change).isEnded().hasPassed(Elements.TASK_RECORD_WITHDRAWAL, Elements.END_EVENT_WITHDRAWN)
                .hasNotPassed(Elements.TASK_VERIFY_CHANGE);
    }

    @Test
    void withdrawnChangeStops() {
        steps.validations(CRITICAL);
        ProcessInstance change = request();
        complete(task(change), decision(true));
        assertThat(change).isWaitingAt(Elements.TASK_SRE_APPROVAL);

        runtimeService().createMessageCorrelation(Messages.WITHDRAW_CHANGE)
                .processInstanceBusinessKey(change.getBusinessKey()).correlate();

        assertThat(change).isEnded().hasPassed(Elements.TASK_RECORD_WITHDRAWAL, Elements.END_EVENT_WITHDRAWN);
        assertThat(jobQuery().processInstanceId(change.getId()).count()).as("timers cancelled").isZero();
    }

    @Test
    void withdrawnWhileConflictIsPendingStops() {
        steps.validations(VALID).applies(CONFLICT);
        ProcessInstance change = request();
        complete(task(change), decision(true));
        execute(job(change));

        runtimeService().createMessageCorrelation(Messages.WITHDRAW_CHANGE)
                .processInstanceBusinessKey(change.getBusinessKey()).correlate();

        assertThat(change).isEnded().hasPassed(Elements.END_EVENT_WITHDRAWN);
    }

    @Test
    void pendingApprovalRemindsThenExpires() {
        steps.validations(VALID);
        Instant started = Instant.now();
        ProcessInstance change = request();
        Job reminder = jobQuery().processInstanceId(change.getId()).activityId(Elements.BOUNDARY_EVENT_REMIND_APPROVERS).singleResult();
        Job expiry = jobQuery().processInstanceId(change.getId()).activityId(Elements.BOUNDARY_EVENT_APPROVAL_EXPIRED).singleResult();
        assertThat(reminder.getDuedate().toInstant()).isCloseTo(started.plus(Duration.ofHours(24)), within(Duration.ofMinutes(1)));
        assertThat(expiry.getDuedate().toInstant()).isCloseTo(started.plus(Duration.ofDays(7)), within(Duration.ofMinutes(1)));

        execute(reminder);
        assertThat(change).isWaitingAt(Elements.TASK_OWNER_APPROVAL);
        assertThat(steps.count(Beans.REMIND_APPROVERS)).isEqualTo(1);

        execute(expiry);
        assertThat(change).isEnded().hasPassed(Elements.TASK_RECORD_EXPIRY, Elements.END_EVENT_EXPIRED)
                .hasNotPassed(Elements.TASK_APPLY_CHANGE);
    }

    @Test
    void unreachableZooKeeperRetriesTheApplyByItsPolicy() {
        steps.validations(VALID).applies(ZOOKEEPER_DOWN);
        ProcessInstance change = request();
        complete(task(change), decision(true));

        Job apply = job(change);
        Instant failedAt = Instant.now();
        assertThatThrownBy(() -> managementService().executeJob(apply.getId())).hasMessageContaining("safe to retry");

        Job retry = job(change);
        assertThat(retry.getRetries()).as("R5: four retries left").isEqualTo(4);
        assertThat(retry.getDuedate().toInstant()).isCloseTo(failedAt.plusSeconds(30), within(Duration.ofSeconds(10)));
        execute(retry);
        assertThat(change).isEnded().hasPassed(Elements.END_EVENT_APPLIED);
    }
}
