package io.tollgate.engine.deployment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.deployment.internal.TollgateCode.Step;
import io.tollgate.processes.ApprovalSteps;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates ({@code processes/.camunda/element-templates}) bind what the guard
 * recognises and what the shipped models use: a process built from the templates alone (plus the task listeners and
 * retry cycles their descriptions ask for, which Camunda 7 templates cannot set) is accepted, and refused without
 * its approval.
 */
class ElementTemplatesTest {

    private static final Path TEMPLATES = Path.of("..", "processes", "src", "main", "resources", "processes",
            ".camunda", "element-templates");
    private static final String DELEGATE_EXPRESSION = "camunda:delegateExpression";
    private static final String ASYNC_BEFORE = "camunda:asyncBefore";
    private static final String CANDIDATE_GROUPS = "camunda:candidateGroups";
    private static final String RETRY_CYCLE = "R3/PT1M";

    private static List<JsonNode> templates;
    private static GuardedEngine guarded;

    @BeforeAll
    static void readTemplates() throws IOException {
        templates = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                json.readTree(file.toFile()).forEach(templates::add);
            }
        }
        guarded = new GuardedEngine();
    }

    @AfterAll
    static void stopEngine() {
        guarded.close();
    }

    @Test
    void everyDelegateTemplateNamesATollgateBeanAndRunsOutsideStepsAsJobs() {
        List<JsonNode> delegates = templates.stream().filter(t -> binding(t, DELEGATE_EXPRESSION).isPresent()).toList();

        assertThat(delegates).isNotEmpty().allSatisfy(template -> {
            String expression = binding(template, DELEGATE_EXPRESSION).orElseThrow();
            String bean = expression.substring(2, expression.length() - 1);
            assertThat(TollgateCode.BEANS).as(template.get("id").asText()).containsKey(bean);
            assertThat(expression).isEqualTo(TollgateCode.expressionOf(bean));
            if (TollgateCode.BEANS.get(bean).reachesOutside()) {
                assertThat(binding(template, ASYNC_BEFORE)).as(bean).hasValue("true");
                assertThat(template.get("description").asText()).as(bean).contains("Retry time cycle");
            }
        });
    }

    @Test
    void everyApprovalStepHasOneTemplateThatSaysWhichListenersToAdd() {
        Map<Step, JsonNode> approvals = new HashMap<>();
        for (JsonNode template : templates) {
            Optional<String> step = camundaProperty(template, ApprovalSteps.PROPERTY);
            step.ifPresent(value -> assertThat(approvals.put(Step.of(value).orElseThrow(), template))
                    .as("a second template for " + value).isNull());
        }

        assertThat(approvals.keySet()).containsExactlyInAnyOrder(Step.values());
        approvals.forEach((step, template) -> {
            assertThat(template.get("appliesTo")).extracting(JsonNode::asText).containsExactly("bpmn:UserTask");
            assertThat(template.get("description").asText())
                    .contains(TollgateCode.expressionOf(step.createListener) + " (event create)")
                    .contains(TollgateCode.expressionOf(step.completeListener) + " (event complete)");
        });
    }

    @Test
    void theShippedModelsUseWhatTheTemplatesBind() {
        for (String resource : List.of(SqlTicketProcess.RESOURCE, ServiceTreeChangeProcess.RESOURCE)) {
            BpmnModelInstance model = Models.read(resource);
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                JsonNode template = delegateTemplate(task.getCamundaDelegateExpression());
                binding(template, ASYNC_BEFORE).ifPresent(async -> assertThat(task.isCamundaAsyncBefore())
                        .as(task.getId()).isEqualTo(Boolean.parseBoolean(async)));
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                stepOf(task).ifPresent(step -> assertThat(binding(approvalTemplate(step), CANDIDATE_GROUPS))
                        .as(task.getId()).isEqualTo(Optional.ofNullable(task.getCamundaCandidateGroups())));
            }
        }
    }

    @Test
    void aProcessBuiltFromTheTemplatesIsAcceptedAndRefusedWithoutItsApproval() {
        assertThat(guarded.deploy("from-templates.bpmn", fromTemplates(true)).getId()).isNotNull();

        assertThatThrownBy(() -> guarded.deploy("from-templates.bpmn", fromTemplates(false)))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining(EXECUTE + ": can be reached without passing a reviewer approval");
    }

    private static final String APPROVE = SqlTicketProcess.Elements.TASK_REVIEWER_APPROVAL;
    private static final String EXECUTE = SqlTicketProcess.Elements.TASK_EXECUTE_TICKET;

    /**
     * start → [reviewer approval from its template] → [execute from its template] → end, as a version of the ticket's
     * process: Tollgate's steps run in its own processes only.
     */
    private static BpmnModelInstance fromTemplates(boolean withApproval) {
        BpmnModelInstance model = withApproval
                ? Bpmn.createExecutableProcess(SqlTicketProcess.KEY).camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Go").userTask(APPROVE).serviceTask(EXECUTE).endEvent("EndEvent_Done")
                        .done()
                : Bpmn.createExecutableProcess(SqlTicketProcess.KEY).camundaHistoryTimeToLive(1)
                        .startEvent("StartEvent_Go").serviceTask(EXECUTE).endEvent("EndEvent_Done").done();
        ServiceTask execute = model.getModelElementById(EXECUTE);
        apply(delegateTemplate(TollgateCode.expressionOf(SqlTicketProcess.Beans.EXECUTE_TICKET)), execute);
        execute.builder().camundaFailedJobRetryTimeCycle(RETRY_CYCLE);
        if (withApproval) {
            UserTask approve = model.getModelElementById(APPROVE);
            apply(approvalTemplate(Step.REVIEWER), approve);
            approve.builder().camundaTaskListenerDelegateExpression(TaskListener.EVENTNAME_CREATE,
                            TollgateCode.expressionOf(Step.REVIEWER.createListener))
                    .camundaTaskListenerDelegateExpression(TaskListener.EVENTNAME_COMPLETE,
                            TollgateCode.expressionOf(Step.REVIEWER.completeListener));
        }
        return model;
    }

    /** What Camunda Modeler writes when the template is applied: its property and camunda:property bindings. */
    private static void apply(JsonNode template, BaseElement element) {
        for (JsonNode property : template.get("properties")) {
            JsonNode binding = property.get("binding");
            String value = property.get("value").asText();
            switch (binding.get("type").asText()) {
                case "property" -> element.setAttributeValueNs(BpmnModelConstants.CAMUNDA_NS,
                        binding.get("name").asText().substring("camunda:".length()), value);
                case "camunda:property" -> {
                    CamundaProperties properties = element.getModelInstance().newInstance(CamundaProperties.class);
                    CamundaProperty camundaProperty = element.getModelInstance().newInstance(CamundaProperty.class);
                    camundaProperty.setCamundaName(binding.get("name").asText());
                    camundaProperty.setCamundaValue(value);
                    properties.addChildElement(camundaProperty);
                    element.builder().addExtensionElement(properties);
                }
                default -> throw new IllegalStateException("binding not applied here: " + binding);
            }
        }
    }

    private static JsonNode delegateTemplate(String expression) {
        return templates.stream().filter(t -> binding(t, DELEGATE_EXPRESSION).filter(expression::equals).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError("no template for " + expression));
    }

    private static JsonNode approvalTemplate(Step step) {
        return templates.stream().filter(t -> camundaProperty(t, ApprovalSteps.PROPERTY).filter(step.value::equals)
                .isPresent()).findFirst().orElseThrow(() -> new AssertionError("no template for " + step.value));
    }

    private static Optional<Step> stepOf(UserTask task) {
        if (task.getExtensionElements() == null) {
            return Optional.empty();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> ApprovalSteps.PROPERTY.equals(p.getCamundaName()))
                .findFirst().flatMap(p -> Step.of(p.getCamundaValue()));
    }

    private static Optional<String> binding(JsonNode template, String name) {
        return properties(template).filter(p -> "property".equals(p.get("binding").get("type").asText())
                && name.equals(p.get("binding").get("name").asText())).map(p -> p.get("value").asText()).findFirst();
    }

    private static Optional<String> camundaProperty(JsonNode template, String name) {
        return properties(template).filter(p -> "camunda:property".equals(p.get("binding").get("type").asText())
                && name.equals(p.get("binding").get("name").asText())).map(p -> p.get("value").asText()).findFirst();
    }

    private static Stream<JsonNode> properties(JsonNode template) {
        List<JsonNode> properties = new ArrayList<>();
        template.get("properties").forEach(properties::add);
        return properties.stream();
    }
}
