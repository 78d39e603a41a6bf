package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tollgate.engine.account.Role;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A process owner deploying from Camunda Modeler cannot weaken the gate: a {@code sqlTicket} without its reviewer
 * approval, or any model whose expressions reach Java through reflection, is answered 400 with the element it is
 * about, and the engine keeps the versions it had.
 */
@TollgateAppTest
@ExtendWith(OutputCaptureExtension.class)
class ModelGuardIT {

    private static final String PROCESS_OWNER = Role.PROCESS_OWNER.groupId();
    private static final String PASSWORD = PROCESS_OWNER + "-demo";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired RepositoryService repositoryService;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void sqlTicketWithoutItsReviewerApprovalIsRefused() throws Exception {
        BpmnModelInstance weak = sqlTicketWithout(Elements.TASK_REVIEWER_APPROVAL);
        int latest = latestSqlTicketVersion();
        long deployments = repositoryService.createDeploymentQuery().count();

        HttpResponse<String> response = deploy("sqlTicket.bpmn", Bpmn.convertToString(weak));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("ParseException").contains(Elements.TASK_EXECUTE_TICKET)
                .contains("without passing a reviewer approval");
        assertThat(latestSqlTicketVersion()).isEqualTo(latest);
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    /**
     * Tollgate has no tenants: its processes start, and their decision is looked up, without one. A {@code sqlTicket}
     * deployed for a tenant, even the shipped model, would make every submission's start ambiguous (the engine
     * refuses to pick between tenants) and a decision for a tenant is never evaluated.
     */
    @Test
    void aDeploymentForATenantIsRefusedEvenOfTheShippedModels() throws Exception {
        long deployments = repositoryService.createDeploymentQuery().count();
        for (String[] shipped : new String[][] {{"sqlTicket.bpmn", SqlTicketProcess.RESOURCE},
                {"sqlTicketApproval.dmn", SqlTicketProcess.ApprovalDecision.RESOURCE}}) {
            String model;
            try (InputStream in = ModelGuardIT.class.getClassLoader().getResourceAsStream(shipped[1])) {
                model = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }

            HttpResponse<String> response = http.postMultipart("/engine-rest/deployment/create", PROCESS_OWNER,
                    PASSWORD, new String[][] {{"deployment-name", "for-a-tenant"}, {"tenant-id", "team-a"}},
                    shipped[0], model.getBytes(StandardCharsets.UTF_8));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.body()).contains("ParseException").contains("tenant 'team-a'");
        }
        assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey(SqlTicketProcess.KEY)
                .latestVersion().list()).as("one latest sqlTicket, without a tenant").hasSize(1)
                .allMatch(definition -> definition.getTenantId() == null);
        assertThat(repositoryService.createDecisionDefinitionQuery()
                .decisionDefinitionKey(SqlTicketProcess.ApprovalDecision.KEY).tenantIdIn("team-a").count()).isZero();
    }

    @Test
    void reflectionOnATimerIsRefusedInAnyModel() throws Exception {
        String nightly = Bpmn.convertToString(Bpmn.createExecutableProcess("ownersNightly").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Nightly").timerWithCycle("R/PT1M")
                .serviceTask("Task_Nightly").camundaExpression("${''.getClass().forName('java.lang.System')"
                        + ".getMethod('exit', ''.getClass().forName('int')).invoke(null, 0)}")
                .endEvent("EndEvent_Nightly").done());

        HttpResponse<String> response = deploy("nightly.bpmn", nightly);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("Task_Nightly").contains("calls a method");
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("ownersNightly").count())
                .isZero();
    }

    @Test
    void everyDecisionGoesToTheTrailWithWhoWhatAndWhy(CapturedOutput output) throws Exception {
        String name = "trail-" + System.nanoTime();
        String fine = Bpmn.convertToString(Bpmn.createExecutableProcess(name).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Hello").userTask("Task_Hello").endEvent("EndEvent_Hello").done());
        String weak = Bpmn.convertToString(sqlTicketWithout(Elements.TASK_REVIEWER_APPROVAL));

        assertThat(deploy(name + ".bpmn", fine).statusCode()).isEqualTo(200);
        assertThat(deploy(name + ".bpmn", fine.replace("Task_Hello", "Task_Hello2")).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = deploy("sqlTicket.bpmn", weak);
        assertThat(refused.statusCode()).isEqualTo(400);

        HttpResponse<String> trail = http.get("/api/v1/deployments?limit=3", Role.AUDITOR.groupId(),
                Role.AUDITOR.groupId() + "-demo");
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        List<Map<String, Object>> decisions = JSON.readValue(trail.body(), new TypeReference<>() { });
        assertThat(decisions).hasSize(3);
        Map<String, Object> newest = decisions.get(0);
        assertThat(newest).containsEntry("accepted", false).containsEntry("deployedBy", PROCESS_OWNER)
                .containsEntry("source", "Camunda Modeler").containsEntry("definitions", List.of(SqlTicketProcess.KEY));
        assertThat((List<String>) newest.get("reasons")).anySatisfy(reason -> assertThat(reason)
                .startsWith("sqlTicket.bpmn: " + Elements.TASK_EXECUTE_TICKET + ": can be reached without"));
        assertThat(decisions.get(1)).containsEntry("accepted", true).containsEntry("deployedBy", PROCESS_OWNER)
                .containsEntry("definitions", List.of(name + " v2")).containsEntry("reasons", List.of());
        assertThat(decisions.get(2)).containsEntry("definitions", List.of(name + " v1"));
        assertThat(decisions.get(1).get("deploymentId")).isEqualTo(repositoryService.createProcessDefinitionQuery()
                .processDefinitionKey(name).processDefinitionVersion(2).singleResult().getDeploymentId());

        // a refusal is one WARN line, not Camunda's ERROR with a stack trace
        assertThat(output.getOut()).contains("refused: processes [" + SqlTicketProcess.KEY + "]")
                .doesNotContain("ENGINE-16004");
    }

    @Test
    void onlyThoseWhoReadHistoryReadTheDeploymentTrail() throws Exception {
        for (Role role : Role.values()) {
            HttpResponse<String> response = http.get("/api/v1/deployments", role.groupId(), role.groupId() + "-demo");
            boolean reads = role == Role.AUDITOR || role == Role.PROCESS_OWNER || role == Role.ADMIN;
            assertThat(response.statusCode()).as(role + ": " + response.body()).isEqualTo(reads ? 200 : 403);
            assertThat(response.body()).startsWith(reads ? "[" : "{\"status\":403,");
        }
        HttpResponse<String> badLimit = http.get("/api/v1/deployments?limit=0", "auditor", "auditor-demo");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be between 1 and 500");
        HttpResponse<String> notANumber = http.get("/api/v1/deployments?limit=many", "auditor", "auditor-demo");
        assertThat(notANumber.statusCode()).isEqualTo(400);
        assertThat(notANumber.body()).startsWith("{\"status\":400,").contains("\"field\":\"limit\"");
    }

    private HttpResponse<String> deploy(String fileName, String model) throws Exception {
        return http.postMultipart("/engine-rest/deployment/create", PROCESS_OWNER, PASSWORD, new String[][] {
                {"deployment-name", "model-guard-check"},
                {"deployment-source", "Camunda Modeler"},
                {"deploy-changed-only", "true"}}, fileName, model.getBytes(StandardCharsets.UTF_8));
    }

    private int latestSqlTicketVersion() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(SqlTicketProcess.KEY)
                .latestVersion().singleResult().getVersion();
    }

    /** The shipped model with the flow node {@code id} taken out and its incoming flow led to where it went. */
    private static BpmnModelInstance sqlTicketWithout(String id) throws Exception {
        BpmnModelInstance model;
        try (InputStream in = ModelGuardIT.class.getClassLoader().getResourceAsStream(SqlTicketProcess.RESOURCE)) {
            model = Bpmn.readModelFromStream(in);
        }
        FlowNode node = model.getModelElementById(id);
        List<SequenceFlow> flows = List.copyOf(model.getModelElementsByType(SequenceFlow.class));
        SequenceFlow in = flows.stream().filter(f -> f.getTarget() == node).findFirst().orElseThrow();
        SequenceFlow out = flows.stream().filter(f -> f.getSource() == node).findFirst().orElseThrow();
        in.setTarget(out.getTarget());
        for (var shape : model.getModelElementsByType(BpmnShape.class)) {
            if (shape.getBpmnElement() == node) {
                shape.getParentElement().removeChildElement(shape);
            }
        }
        for (var edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (edge.getBpmnElement() == out) {
                edge.getParentElement().removeChildElement(edge);
            }
        }
        out.getParentElement().removeChildElement(out);
        node.getParentElement().removeChildElement(node);
        return model;
    }
}
