package io.tollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Description;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every BPMN model of the module opens in Camunda Modeler, reads well and wires its code by bean name; every decision
 * opens in Modeler too, has a history time to live and says why each rule is there.
 */
class ProcessModelTest {

    private static final Path MODELS = Path.of("src", "main", "resources", "processes");
    /** What Camunda Modeler generates, e.g. Activity_0abc123 or Flow_1x2y3z4. */
    private static final Pattern GENERATED_ID = Pattern.compile(".*_[0-9a-z]{7}");
    private static final Pattern READABLE_ID = Pattern.compile("[A-Z][A-Za-z]*_[A-Z][A-Za-z]*");
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{[a-z][A-Za-z]*(Delegate|Listener)}");

    static List<Path> models() throws IOException {
        try (Stream<Path> files = Files.walk(MODELS)) {
            List<Path> models = files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(models).isNotEmpty();
            return models;
        }
    }

    static List<Path> decisions() throws IOException {
        try (Stream<Path> files = Files.walk(MODELS)) {
            return files.filter(f -> f.toString().endsWith(".dmn")).sorted().toList();
        }
    }

    private static BpmnModelInstance read(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        return model;
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyFlowNodeAndSequenceFlowHasDiagramLayout(Path file) {
        BpmnModelInstance model = read(file);
        Set<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());

        assertThat(ids(model.getModelElementsByType(FlowNode.class))).allSatisfy(id -> assertThat(shapes).contains(id));
        assertThat(ids(model.getModelElementsByType(SequenceFlow.class))).allSatisfy(id -> assertThat(edges).contains(id));
        assertThat(model.getModelElementsByType(BpmnEdge.class)).allSatisfy(e -> assertThat(e.getWaypoints()).hasSizeGreaterThanOrEqualTo(2));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyProcessIsExecutableWithAHistoryTimeToLive(Path file) {
        assertThat(read(file).getModelElementsByType(Process.class)).isNotEmpty().allSatisfy(process -> {
            assertThat(process.isExecutable()).isTrue();
            assertThat(process.getCamundaHistoryTimeToLiveString()).matches("P\\d+D");
        });
    }

    @ParameterizedTest
    @MethodSource("models")
    void idsAreReadableAndNamedByKind(Path file) {
        BpmnModelInstance model = read(file);
        Collection<BaseElement> elements = model.getModelElementsByType(BaseElement.class);
        assertThat(elements).allSatisfy(e -> assertThat(e.getId()).as(e.getElementType().getTypeName())
                .doesNotMatch(GENERATED_ID));
        assertThat(model.getModelElementsByType(FlowNode.class)).allSatisfy(node ->
                assertThat(node.getId()).matches(READABLE_ID).startsWith(prefixOf(node)));
        assertThat(model.getModelElementsByType(SequenceFlow.class)).allSatisfy(flow ->
                assertThat(flow.getId()).matches(READABLE_ID).startsWith("Flow_"));
    }

    @ParameterizedTest
    @MethodSource("models")
    void codeIsReachedOnlyByDelegateExpressions(Path file) {
        BpmnModelInstance model = read(file);
        assertThat(model.getModelElementsByType(ServiceTask.class)).allSatisfy(task -> {
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches(DELEGATE_EXPRESSION);
            assertThat(task.getCamundaClass()).as(task.getId()).isNull();
            assertThat(task.getCamundaExpression()).as(task.getId()).isNull();
        });
        assertThat(model.getModelElementsByType(CamundaTaskListener.class)).allSatisfy(listener -> {
            assertThat(listener.getCamundaDelegateExpression()).matches(DELEGATE_EXPRESSION);
            assertThat(listener.getCamundaClass()).isNull();
        });
        assertThat(model.getModelElementsByType(CamundaExecutionListener.class)).allSatisfy(listener -> {
            assertThat(listener.getCamundaDelegateExpression()).matches(DELEGATE_EXPRESSION);
            assertThat(listener.getCamundaClass()).isNull();
        });
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyServiceTaskHasAnElementTemplateForCamundaModeler(Path file) throws IOException {
        String templates;
        try (Stream<Path> files = Files.walk(MODELS.resolve(".camunda").resolve("element-templates"))) {
            templates = files.filter(f -> f.toString().endsWith(".json")).map(ProcessModelTest::readString)
                    .collect(Collectors.joining());
        }
        assertThat(read(file).getModelElementsByType(ServiceTask.class)).allSatisfy(task ->
                assertThat(templates).as(task.getId()).contains("\"" + task.getCamundaDelegateExpression() + "\""));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void everyDecisionHasAHistoryTimeToLiveLayoutAndDescribedRules(Path file) throws Exception {
        DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
        Dmn.validateModel(model);
        Collection<Decision> decisions = model.getModelElementsByType(Decision.class);

        assertThat(decisions).isNotEmpty().allSatisfy(decision -> assertThat(decision.getCamundaHistoryTimeToLiveString())
                .as(decision.getId()).matches("P\\d+D"));
        Set<String> shapes = dmnShapes(file);
        assertThat(decisions).allSatisfy(decision -> assertThat(shapes).as("DMNDI shape").contains(decision.getId()));
        assertThat(model.getModelElementsByType(Rule.class)).allSatisfy(rule -> assertThat(rule.getDescription())
                .as(rule.getId()).isNotNull().extracting(Description::getTextContent).asString().isNotBlank());
    }

    /** The decisions drawn in the file's DMNDI, which the DMN model API does not read. */
    private static Set<String> dmnShapes(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        NodeList shapes = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagNameNS("*", "DMNShape");
        return java.util.stream.IntStream.range(0, shapes.getLength())
                .mapToObj(i -> ((Element) shapes.item(i)).getAttribute("dmnElementRef")).collect(Collectors.toSet());
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String prefixOf(FlowNode node) {
        if (node instanceof StartEvent) {
            return "StartEvent_";
        } else if (node instanceof EndEvent) {
            return "EndEvent_";
        } else if (node instanceof BoundaryEvent) {
            return "BoundaryEvent_";
        } else if (node instanceof SubProcess) {
            return "SubProcess_";
        } else if (node instanceof Task) {
            return "Task_";
        } else if (node instanceof ExclusiveGateway || node instanceof EventBasedGateway) {
            return "Gateway_";
        } else if (node instanceof IntermediateCatchEvent catchEvent) {
            return prefixOfCatchEvent(catchEvent);
        }
        return node.getElementType().getTypeName();
    }

    /** A timer or message catch event is named by what it waits for; other catch events keep their type name. */
    private static String prefixOfCatchEvent(IntermediateCatchEvent event) {
        Collection<EventDefinition> definitions = event.getEventDefinitions();
        if (definitions.size() == 1 && definitions.iterator().next() instanceof TimerEventDefinition) {
            return "TimerEvent_";
        } else if (definitions.size() == 1 && definitions.iterator().next() instanceof MessageEventDefinition) {
            return "MessageEvent_";
        }
        return event.getElementType().getTypeName();
    }

    private static Set<String> ids(Collection<? extends BaseElement> elements) {
        return elements.stream().map(BaseElement::getId).collect(Collectors.toSet());
    }
}
