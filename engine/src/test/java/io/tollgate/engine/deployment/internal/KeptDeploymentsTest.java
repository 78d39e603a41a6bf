package io.tollgate.engine.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;

import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A helper's admin deleted the deployment Tollgate's processes came from, with its instances (Cockpit's delete with
 * "cascade"): every ticket and tree change stood frozen in its status with no process, and every new submission failed
 * until a restart. Each test is the deletion as Cockpit and {@code /engine-rest} make it ({@code deleteDeployment}).
 */
class KeptDeploymentsTest {

    private GuardedEngine guarded;
    private RepositoryService repository;
    private RuntimeService runtime;

    @BeforeEach
    void startEngine() {
        guarded = new GuardedEngine();
        repository = guarded.engine.getRepositoryService();
        runtime = guarded.engine.getRuntimeService();
    }

    @AfterEach
    void stopEngine() {
        guarded.close();
    }

    @Test
    void theDeploymentOfTheLatestTicketProcessIsKeptWithItsRequests() {
        Deployment shipped = deployShipped();
        runtime.startProcessInstanceByKey(SqlTicketProcess.KEY, "T-1");

        for (boolean cascade : new boolean[] {true, false}) {
            assertThatThrownBy(() -> repository.deleteDeployment(shipped.getId(), cascade, true, true))
                    .as("cascade " + cascade).isInstanceOf(AuthorizationException.class)
                    .hasMessageContaining("Tollgate keeps deployment " + shipped.getId())
                    .hasMessageContaining("the latest version of sqlTicket");
        }
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("T-1").count()).isEqualTo(1);
        assertThat(guarded.definitionsOf(SqlTicketProcess.KEY)).isEqualTo(1);
    }

    @Test
    void anOlderVersionIsKeptWhileARequestRunsOnItAndDeletedOnceNoneDoes() {
        Deployment first = deployShipped();
        runtime.startProcessInstanceByKey(SqlTicketProcess.KEY, "T-2");
        Deployment second = guarded.deploy("second.bpmn", Models.read(SqlTicketProcess.RESOURCE));
        assertThat(second.getId()).isNotEqualTo(first.getId());

        assertThatThrownBy(() -> repository.deleteDeployment(first.getId(), true))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("version 1 of sqlTicket, on which 1 request still runs");
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey("T-2").count()).isEqualTo(1);

        runtime.deleteProcessInstance(runtime.createProcessInstanceQuery().processInstanceBusinessKey("T-2")
                .singleResult().getId(), "ended");
        assertThatCode(() -> repository.deleteDeployment(first.getId(), true)).doesNotThrowAnyException();
        assertThat(guarded.definitionsOf(SqlTicketProcess.KEY)).isEqualTo(1);
    }

    @Test
    void theLatestApprovalDecisionIsKeptAndOtherDeploymentsGo() throws IOException {
        Deployment decision;
        try (InputStream dmn = getClass().getClassLoader().getResourceAsStream(
                SqlTicketProcess.ApprovalDecision.RESOURCE)) {
            decision = repository.createDeployment().name("routing")
                    .addInputStream(SqlTicketProcess.ApprovalDecision.RESOURCE, dmn).deploy();
        }
        assertThatThrownBy(() -> repository.deleteDeployment(decision.getId(), true))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("the latest version of the decision " + SqlTicketProcess.ApprovalDecision.KEY);

        Deployment unrelated = guarded.deploy("nightly.bpmn", Bpmn.createExecutableProcess("ownersNightly")
                .camundaHistoryTimeToLive(1).startEvent().userTask("Task_Look").endEvent().done());
        runtime.startProcessInstanceByKey("ownersNightly");
        assertThatCode(() -> repository.deleteDeployment(unrelated.getId(), true)).doesNotThrowAnyException();
    }

    private Deployment deployShipped() {
        return guarded.deploy("sqlTicket.bpmn", Models.read(SqlTicketProcess.RESOURCE));
    }
}
