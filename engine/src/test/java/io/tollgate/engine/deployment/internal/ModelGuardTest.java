package io.tollgate.engine.deployment.internal;

import static io.tollgate.engine.deployment.internal.Models.bypass;
import static io.tollgate.engine.deployment.internal.Models.connect;
import static io.tollgate.engine.deployment.internal.Models.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Elements;
import io.tollgate.processes.ApprovalSteps;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnector;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaConnectorId;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model guard on a real in-memory engine: the shipped models and every model the repository's tests deploy are
 * accepted; each way of weakening the gate, made on the shipped {@code sqlTicket} or {@code serviceTreeChange}, is
 * refused with the element it is about, and nothing of a refused deployment is stored.
 */
class ModelGuardTest {

    private static final Path REPOSITORY = Path.of("..");
    private static GuardedEngine guarded;

    @BeforeAll
    static void startEngine() {
        guarded = new GuardedEngine();
    }

    @AfterAll
    static void stopEngine() {
        guarded.close();
    }

    // --- accepted

    @Test
    void theShippedModelsAreAccepted() {
        Deployment deployment = guarded.engine.getRepositoryService().createDeployment().name("shipped")
                .addClasspathResource(SqlTicketProcess.RESOURCE)
                .addClasspathResource(SqlTicketProcess.ApprovalDecision.RESOURCE)
                .addClasspathResource(ServiceTreeChangeProcess.RESOURCE).deploy();

        assertThat(guarded.engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).list()).extracting("key")
                .containsExactlyInAnyOrder(SqlTicketProcess.KEY, ServiceTreeChangeProcess.KEY);
        assertThat(guarded.lastDecision().accepted()).isTrue();
        assertThat(guarded.lastDecision().deploymentId()).isEqualTo(deployment.getId());
        assertThat(guarded.lastDecision().definitions()).allSatisfy(d -> assertThat(d).matches(".+ v\\d+"))
                .anySatisfy(d -> assertThat(d).startsWith(SqlTicketProcess.KEY + " v"))
                .anySatisfy(d -> assertThat(d).startsWith(ServiceTreeChangeProcess.KEY + " v"))
                .anySatisfy(d -> assertThat(d).startsWith(SqlTicketProcess.ApprovalDecision.KEY + " v"));
    }

    static List<Path> repositoryModels() throws IOException {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            List<Path> models = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().contains("/src/") && !f.toString().contains("/target/"))
                    .filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".bpmn.xml"))
                    .sorted().toList();
            assertThat(models).as("BPMN models in the repository").hasSizeGreaterThanOrEqualTo(4);
            return models;
        }
    }

    @ParameterizedTest
    @MethodSource("repositoryModels")
    void everyModelInTheRepositoryIsAccepted(Path model) throws IOException {
        String resource = model.getFileName().toString().replace(".bpmn.xml", ".bpmn");
        Deployment deployment;
        try (InputStream in = Files.newInputStream(model)) {
            deployment = guarded.engine.getRepositoryService().createDeployment().name(resource)
                    .addInputStream(resource, in).deploy();
        }
        assertThat(guarded.engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).count()).isPositive();
        assertThat(guarded.lastDecision().accepted()).isTrue();
    }

    /**
     * An approval is what its property says (never guessed from its id), and in Tollgate's own processes it keeps the
     * id the tasklist, the API and the assignment check know it by: renamed, its tickets could be decided by nobody
     * (and their approvals assigned to anyone).
     */
    @Test
    void anApprovalOfATollgateProcessKeepsItsId() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        reviewer.setId("Task_PeerApproval");

        ParseException refused = assertRefused(model, SqlTicketProcess.KEY, "Task_PeerApproval",
                "is the reviewer approval, whose task Tollgate's tasklist, API and checks know as "
                        + Elements.TASK_REVIEWER_APPROVAL);
        // recognised by its property all the same: the walk finds no bypass through it
        assertThat(refused).hasMessageNotContaining("can be reached without");
    }

    @Test
    void aStepOfAnotherProcessIsRefused() {
        BpmnModelInstance model = sqlTicket();
        UserTask dba = element(model, Elements.TASK_DBA_APPROVAL);
        dba.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).singleResult()
                .getCamundaProperties().iterator().next().setCamundaValue(ApprovalSteps.SRE);
        // with the tree's listeners, as an SRE approval has them
        dba.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()
                .forEach(l -> l.setCamundaDelegateExpression("create".equals(l.getCamundaEvent())
                        ? "${" + ServiceTreeChangeProcess.Beans.OFFER_TO_APPROVERS + "}"
                        : "${" + ServiceTreeChangeProcess.Beans.RECORD_DECISION + "}"));

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_DBA_APPROVAL,
                "is a sre approval, a step of serviceTreeChange, not of sqlTicket");
    }

    /** An approval assigned by the model (to the submitter, say) left every ticket's review failing, stuck. */
    @Test
    void anApprovalTheModelAssignsIsRefused() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        reviewer.setCamundaAssignee("${submitter}");

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_REVIEWER_APPROVAL,
                "is a reviewer approval with camunda:assignee=\"${submitter}\"");
    }

    @Test
    void unrelatedModelsMayStartOnTimersAndUseExternalTasks() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("ownersNightlyJob").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Nightly").timerWithCycle("R/P1D")
                .serviceTask("Task_Work").camundaExternalTask("nightly-work")
                .endEvent("EndEvent_Done").done();

        assertThatCode(() -> guarded.deploy("nightly.bpmn", model)).doesNotThrowAnyException();
    }

    /**
     * Tollgate's steps in a process of another key act on whatever business key it is given, which its model may fix:
     * a helper's timer-started caller ran the review on a rejected ticket (and the validation on a rejected tree
     * change), which reopened it for approval. Such a process is refused, plain start event or not.
     */
    @Test
    void tollgatesStepsInAProcessOfAnotherKeyAreRefused() {
        BpmnModelInstance review = Bpmn.createExecutableProcess("poReview").camundaHistoryTimeToLive(1)
                .startEvent("S2").serviceTask(Elements.TASK_REVIEW_TICKET).camundaAsyncBefore()
                .camundaFailedJobRetryTimeCycle("R1/PT10S")
                .camundaDelegateExpression("${" + SqlTicketProcess.Beans.REVIEW_TICKET + "}")
                .endEvent("E2").done();
        assertRefused(review, "poReview", Elements.TASK_REVIEW_TICKET, "uses Tollgate's ${"
                + SqlTicketProcess.Beans.REVIEW_TICKET + "} in process poReview; Tollgate's steps run only in its own"
                + " processes (serviceTreeChange, sqlTicket)");

        BpmnModelInstance validate = Bpmn.createExecutableProcess("poValidate").camundaHistoryTimeToLive(1)
                .startEvent("S3").serviceTask("Task_Validate")
                .camundaDelegateExpression("${" + ServiceTreeChangeProcess.Beans.VALIDATE_CHANGE + "}")
                .endEvent("E3").done();
        assertRefused(validate, "poValidate", "Task_Validate", "Tollgate's steps run only in its own processes");
    }

    /**
     * A deployment's name is quoted in a ticket's trail (the routing decision's deployment): one that shows otherwise
     * than written (a right-to-left override, a line break, half a UTF-16 pair) or is longer than the engine's column
     * (a 500 before) is refused with the reason.
     */
    @Test
    void aDeploymentNameThatWouldShowOtherwiseThanWrittenIsRefused() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("ownersNamedJob").camundaHistoryTimeToLive(1)
                .startEvent().userTask("Task_Do").endEvent().done();
        for (String name : java.util.List.of("approved\u202Eevil", "two\nlines", "para\u2028graph", "half \uD83D",
                "n".repeat(256))) {
            assertThatThrownBy(() -> guarded.engine.getRepositoryService().createDeployment().name(name)
                    .addString("named.bpmn", Bpmn.convertToString(model)).deploy()).as(name)
                    .hasMessageContaining("has a name of " + name.length() + " characters")
                    .hasMessageContaining("at most 255 printable characters");
        }
        assertThatCode(() -> guarded.engine.getRepositoryService().createDeployment().name("calm routing, 中文 😀")
                .addString("named.bpmn", Bpmn.convertToString(model)).deploy()).doesNotThrowAnyException();
    }

    @Test
    void loadingADeploymentAgainIsNotJudgedAgain() {
        Deployment deployment = guarded.deploy("again.bpmn", sqlTicket());
        int decisions = guarded.decisions.size();
        guarded.configuration.getDeploymentCache().discardProcessDefinitionCache();

        String definitionId = guarded.engine.getRepositoryService().createProcessDefinitionQuery()
                .deploymentId(deployment.getId()).singleResult().getId();
        assertThat(guarded.engine.getRepositoryService().getProcessDefinition(definitionId)).isNotNull();
        assertThat(guarded.engine.getRepositoryService().getBpmnModelInstance(definitionId)).isNotNull();
        guarded.engine.getRepositoryService().getProcessModel(definitionId);
        assertThat(guarded.decisions).hasSize(decisions);
    }

    // --- the approval walk

    @Test
    void executionReachableWithoutTheReviewerApprovalIsRefused() {
        BpmnModelInstance model = sqlTicket();
        bypass(model, Elements.TASK_REVIEWER_APPROVAL);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_EXECUTE_TICKET,
                "can be reached without passing a reviewer approval");
    }

    @Test
    void aTaskWithoutTheApprovalPropertyIsNoApproval() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        ExtensionElements extensions = reviewer.getExtensionElements();
        extensions.getElementsQuery().filterByType(CamundaProperties.class).list()
                .forEach(extensions::removeChildElement);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_EXECUTE_TICKET,
                "can be reached without passing a reviewer approval");
    }

    @Test
    void anApprovalWithoutItsCompleteListenerIsRefused() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        ExtensionElements extensions = reviewer.getExtensionElements();
        extensions.getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .filter(l -> "complete".equals(l.getCamundaEvent())).forEach(extensions::removeChildElement);

        ParseException refused = assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_REVIEWER_APPROVAL,
                "without the task listener ${" + Beans.RECORD_APPROVAL + "} on complete");
        assertThat(refused).hasMessageContaining(Elements.TASK_EXECUTE_TICKET + ": can be reached without");
    }

    @Test
    void anApprovalThatMayHaveNoInstancesIsRefused() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        reviewer.builder().multiInstance().cardinality("${0}").multiInstanceDone();

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_REVIEWER_APPROVAL,
                "loop or multi-instance characteristics");
    }

    @Test
    void anUnknownApprovalStepIsRefused() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        reviewer.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).singleResult()
                .getCamundaProperties().forEach(p -> p.setCamundaValue("anyone"));

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_REVIEWER_APPROVAL,
                "approval step 'anyone', which Tollgate does not know");
    }

    @Test
    void leavingTheApprovalThroughABoundaryEventIsNoApproval() {
        BpmnModelInstance model = sqlTicket();
        UserTask reviewer = element(model, Elements.TASK_REVIEWER_APPROVAL);
        reviewer.builder().boundaryEvent("BoundaryEvent_TiredOfWaiting").timerWithDuration("PT1H")
                .connectTo(Elements.GATEWAY_EXECUTION_MODE);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_EXECUTE_TICKET,
                "BoundaryEvent_TiredOfWaiting");
    }

    @Test
    void aLinkEventAroundTheApprovalIsFollowed() {
        BpmnModelInstance model = sqlTicket();
        SubProcess before = element(model, Elements.SUB_PROCESS_BEFORE_EXECUTION);
        IntermediateThrowEvent jump = model.newInstance(IntermediateThrowEvent.class);
        jump.setId("LinkEvent_Jump");
        LinkEventDefinition jumpTo = model.newInstance(LinkEventDefinition.class);
        jumpTo.setName("skip");
        jump.addChildElement(jumpTo);
        before.addChildElement(jump);
        IntermediateCatchEvent land = model.newInstance(IntermediateCatchEvent.class);
        land.setId("LinkEvent_Land");
        LinkEventDefinition landHere = model.newInstance(LinkEventDefinition.class);
        landHere.setName("skip");
        land.addChildElement(landHere);
        before.addChildElement(land);
        connect(model, "Flow_Jump", Elements.TASK_ROUTE_APPROVAL, "LinkEvent_Jump");
        connect(model, "Flow_Land", "LinkEvent_Land", Elements.END_EVENT_READY_TO_EXECUTE);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_EXECUTE_TICKET, "LinkEvent_Jump -> LinkEvent_Land");
    }

    @Test
    void rollingBackWithoutAnyApprovalIsRefused() {
        BpmnModelInstance model = sqlTicket();
        connect(model, "Flow_WithdrawnThenRolledBack", Elements.BOUNDARY_EVENT_WITHDRAWN,
                Elements.TASK_ROLL_BACK_TICKET);

        ParseException refused = assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_ROLL_BACK_TICKET,
                "without passing a reviewer approval or a rollback approval");
        assertThat(refused).hasMessageNotContaining(Elements.TASK_EXECUTE_TICKET + ":");
    }

    @Test
    void applyingATreeChangeWithoutTheOwnersApprovalIsRefused() {
        BpmnModelInstance model = Models.read(ServiceTreeChangeProcess.RESOURCE);
        bypass(model, ServiceTreeChangeProcess.Elements.TASK_OWNER_APPROVAL);

        assertRefused(model, ServiceTreeChangeProcess.KEY, ServiceTreeChangeProcess.Elements.TASK_APPLY_CHANGE,
                "can be reached without passing an owner approval");
    }

    // --- start events

    @Test
    void aTimerStartEventInSqlTicketIsRefused() {
        BpmnModelInstance model = sqlTicket();
        Process process = element(model, SqlTicketProcess.KEY);
        process.builder().startEvent("StartEvent_EveryNight").timerWithCycle("R/P1D")
                .connectTo(Elements.SUB_PROCESS_BEFORE_EXECUTION);

        assertRefused(model, SqlTicketProcess.KEY, "StartEvent_EveryNight", "is a timer start event");
    }

    @Test
    void anEventSubProcessInATollgateProcessIsRefused() {
        BpmnModelInstance model = sqlTicket();
        Process process = element(model, SqlTicketProcess.KEY);
        process.builder().eventSubProcess("SubProcess_Whenever").startEvent("StartEvent_Whenever").message("go")
                .serviceTask("Task_ExecuteAnyway").camundaDelegateExpression("${" + Beans.EXECUTE_TICKET + "}")
                .camundaAsyncBefore().camundaFailedJobRetryTimeCycle("R3/PT1M").endEvent("EndEvent_Whenever");

        ParseException refused = assertRefused(model, SqlTicketProcess.KEY, "StartEvent_Whenever",
                "starts an event sub-process (message)");
        assertThat(refused).hasMessageContaining("Task_ExecuteAnyway: can be reached without passing a reviewer");
    }

    // --- expressions, scripts, classes

    @Test
    void reflectionInAListenerExpressionIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask review = element(model, Elements.TASK_REVIEW_TICKET);
        CamundaExecutionListener listener = model.newInstance(CamundaExecutionListener.class);
        listener.setCamundaEvent("start");
        listener.setCamundaExpression("${''.getClass().forName('java.lang.System')}");
        review.getExtensionElements().addChildElement(listener);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_REVIEW_TICKET, "calls a method");
    }

    @Test
    void reflectionStartedByATimerInAnUnrelatedModelIsRefused() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("ownersCleanup").camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Nightly").timerWithCycle("R/PT1M")
                .serviceTask("Task_Cleanup").camundaExpression("${''.getClass().forName('java.lang.Runtime')"
                        + ".getMethod('getRuntime').invoke(null).exec('touch /tmp/owned')}")
                .endEvent("EndEvent_Done").done();

        assertRefused(model, "ownersCleanup", "Task_Cleanup", "calls a method");
    }

    @Test
    void readingAnApplicationBeanIntoAVariableIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask close = element(model, Elements.TASK_CLOSE_TICKET);
        CamundaInputOutput mappings = model.newInstance(CamundaInputOutput.class);
        CamundaOutputParameter leak = model.newInstance(CamundaOutputParameter.class);
        leak.setCamundaName("secret");
        leak.setTextContent("${" + GuardedEngine.SOME_APPLICATION_BEAN + ".TOLLGATE_SECRET_KEY}");
        mappings.addChildElement(leak);
        close.builder().addExtensionElement(mappings);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_CLOSE_TICKET,
                "reads a property of the bean '" + GuardedEngine.SOME_APPLICATION_BEAN + "'");
    }

    @Test
    void aScriptTaskIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask record = element(model, Elements.TASK_RECORD_WITHDRAWAL);
        record.builder().scriptTask("Task_Script").scriptFormat("groovy").scriptText("'id'.execute()")
                .endEvent("EndEvent_Scripted");

        assertRefused(model, SqlTicketProcess.KEY, "Task_Script", "is a script task");
    }

    @Test
    void aScriptListenerIsRefused() {
        BpmnModelInstance model = sqlTicket();
        CamundaExecutionListener listener = model.newInstance(CamundaExecutionListener.class);
        listener.setCamundaEvent("start");
        CamundaScript script = model.newInstance(CamundaScript.class);
        script.setCamundaScriptFormat("javascript");
        script.setTextContent("java.lang.System.exit(0)");
        listener.setCamundaScript(script);
        UserTask fix = element(model, Elements.TASK_FIX_TICKET);
        fix.builder().addExtensionElement(listener);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_FIX_TICKET, "has a script");
    }

    @Test
    void aJavaClassIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask record = element(model, Elements.TASK_RECORD_WITHDRAWAL);
        record.setCamundaDelegateExpression(null);
        record.setCamundaClass("com.example.Anything");

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_RECORD_WITHDRAWAL,
                "names the Java class 'com.example.Anything'");
    }

    @Test
    void aShellTaskIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask close = element(model, Elements.TASK_CLOSE_TICKET);
        close.setCamundaDelegateExpression(null);
        close.setCamundaType("shell");

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_CLOSE_TICKET, "is a 'shell' task");
    }

    @Test
    void anExternalTaskInATollgateProcessIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask close = element(model, Elements.TASK_CLOSE_TICKET);
        close.setCamundaDelegateExpression(null);
        close.setCamundaType("external");
        close.setCamundaTopic("close");

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_CLOSE_TICKET, "is an external task");
    }

    @Test
    void aScriptConditionIsRefused() {
        BpmnModelInstance model = sqlTicket();
        SequenceFlow approved = element(model, "Flow_ReviewerApproved");
        approved.getConditionExpression().setLanguage("groovy");

        assertRefused(model, SqlTicketProcess.KEY, "Flow_ReviewerApproved", "script language 'groovy'");
    }

    @Test
    void aConnectorIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask close = element(model, Elements.TASK_CLOSE_TICKET);
        close.setCamundaDelegateExpression(null);
        CamundaConnector connector = model.newInstance(CamundaConnector.class);
        CamundaConnectorId connectorId = model.newInstance(CamundaConnectorId.class);
        connectorId.setTextContent("http-connector");
        connector.setCamundaConnectorId(connectorId);
        close.builder().addExtensionElement(connector);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_CLOSE_TICKET, "has a connector");
    }

    @Test
    void theLegacyActivitiNamespaceIsRefused() {
        String legacy = Bpmn.convertToString(sqlTicket())
                .replace("camunda:delegateExpression=\"${" + Beans.CLOSE_TICKET + "}\"",
                        "xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\"com.example.Anything\"");
        long deployments = guarded.deployments();

        assertThatThrownBy(() -> guarded.engine.getRepositoryService().createDeployment().name("legacy")
                .addString("legacy.bpmn", legacy).deploy()).isInstanceOf(ParseException.class)
                .hasMessageContaining("legacy.bpmn: " + Elements.TASK_CLOSE_TICKET + ": uses the legacy activiti namespace");
        assertThat(guarded.deployments()).isEqualTo(deployments);
    }

    // --- steps that reach outside

    @Test
    void executionOutsideItsOwnJobIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask execute = element(model, Elements.TASK_EXECUTE_TICKET);
        execute.setCamundaAsyncBefore(false);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_EXECUTE_TICKET,
                "without camunda:asyncBefore=\"true\"");
    }

    @Test
    void executionWithoutARetryCycleIsRefused() {
        BpmnModelInstance model = sqlTicket();
        ServiceTask rollBack = element(model, Elements.TASK_ROLL_BACK_TICKET);
        rollBack.getExtensionElements().getElementsQuery().filterByType(CamundaFailedJobRetryTimeCycle.class).list()
                .forEach(rollBack.getExtensionElements()::removeChildElement);

        assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_ROLL_BACK_TICKET,
                "without a camunda:failedJobRetryTimeCycle");
    }

    @Test
    void executionFromAListenerIsRefused() {
        BpmnModelInstance model = sqlTicket();
        CamundaExecutionListener listener = model.newInstance(CamundaExecutionListener.class);
        listener.setCamundaEvent("start");
        listener.setCamundaDelegateExpression("${" + Beans.EXECUTE_TICKET + "}");
        UserTask fix = element(model, Elements.TASK_FIX_TICKET);
        fix.builder().addExtensionElement(listener);

        ParseException refused = assertRefused(model, SqlTicketProcess.KEY, Elements.TASK_FIX_TICKET,
                "may only be the delegate expression of a service task");
        assertThat(refused).hasMessageContaining(Elements.TASK_FIX_TICKET + ": can be reached without passing");
    }

    // --- the deployment as a whole

    @Test
    void oneRefusedModelRefusesTheWholeDeployment() {
        BpmnModelInstance weak = sqlTicket();
        bypass(weak, Elements.TASK_REVIEWER_APPROVAL);
        long deployments = guarded.deployments();
        long trees = guarded.definitionsOf(ServiceTreeChangeProcess.KEY);

        assertThatThrownBy(() -> guarded.engine.getRepositoryService().createDeployment().name("mixed")
                .addClasspathResource(ServiceTreeChangeProcess.RESOURCE)
                .addString("weak.bpmn", Bpmn.convertToString(weak)).deploy()).isInstanceOf(ParseException.class);
        assertThat(guarded.deployments()).isEqualTo(deployments);
        assertThat(guarded.definitionsOf(ServiceTreeChangeProcess.KEY)).isEqualTo(trees);
    }

    @Test
    void aDecisionInJuelIsRefused() throws IOException {
        String dmn;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SqlTicketProcess.ApprovalDecision.RESOURCE)) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("<inputExpression id=\"InputExpression_Environment\"",
                            "<inputExpression id=\"InputExpression_Environment\" expressionLanguage=\"juel\"");
        }
        long deployments = guarded.deployments();

        assertThatThrownBy(() -> guarded.engine.getRepositoryService().createDeployment().name("juel decision")
                .addString("approval.dmn", dmn).deploy()).isInstanceOf(ParseException.class)
                .hasMessageContaining("approval.dmn: InputExpression_Environment: is written in 'juel'");
        assertThat(guarded.deployments()).isEqualTo(deployments);
    }

    @Test
    void aCaseModelIsRefused() {
        String cmmn = """
                <definitions xmlns="http://www.omg.org/spec/CMMN/20151109/MODEL" id="Definitions_Case"
                             targetNamespace="http://tollgate.io/test">
                  <case id="Case_Anything"><casePlanModel id="CasePlanModel_Anything"/></case>
                </definitions>
                """;

        assertThatThrownBy(() -> guarded.engine.getRepositoryService().createDeployment().name("case")
                .addString("anything.cmmn", cmmn).deploy()).isInstanceOf(ParseException.class)
                .hasMessageContaining("anything.cmmn: is a CMMN case model");
    }

    @Test
    void eachDecisionIsRecordedWithWhoDeployedWhat() {
        BpmnModelInstance weak = sqlTicket();
        bypass(weak, Elements.TASK_REVIEWER_APPROVAL);
        guarded.engine.getIdentityService().setAuthenticatedUserId("process-owner");
        try {
            assertThatThrownBy(() -> guarded.deploy("weak.bpmn", weak)).isInstanceOf(ParseException.class);
            DeploymentDecision refused = guarded.lastDecision();
            guarded.deploy("fine.bpmn", sqlTicket());
            DeploymentDecision accepted = guarded.lastDecision();

            assertThat(refused.user()).isEqualTo("process-owner");
            assertThat(refused.accepted()).isFalse();
            assertThat(refused.deploymentName()).isEqualTo("weak.bpmn");
            assertThat(refused.definitions()).containsExactly(SqlTicketProcess.KEY);
            assertThat(refused.refusals()).anySatisfy(r -> assertThat(r)
                    .startsWith("weak.bpmn: " + Elements.TASK_EXECUTE_TICKET + ": can be reached without"));
            assertThat(accepted.user()).isEqualTo("process-owner");
            assertThat(accepted.accepted()).isTrue();
            assertThat(accepted.resources()).containsExactly("fine.bpmn");
        } finally {
            guarded.engine.getIdentityService().clearAuthentication();
        }
    }

    // --- helpers

    private static BpmnModelInstance sqlTicket() {
        return Models.read(SqlTicketProcess.RESOURCE);
    }

    /**
     * Deploys {@code model}, expects a refusal that names {@code elementId} with {@code reason}, in the message and
     * in the resource report, and checks that no definition of {@code processKey} and no deployment was added.
     */
    private static ParseException assertRefused(BpmnModelInstance model, String processKey, String elementId,
                                                String reason) {
        long definitions = guarded.definitionsOf(processKey);
        long deployments = guarded.deployments();

        Throwable thrown = catchThrowable(() -> guarded.deploy("changed.bpmn", model));

        assertThat(thrown).isInstanceOf(ParseException.class)
                .hasMessageStartingWith(ModelGuard.REFUSED)
                .hasMessageContaining("changed.bpmn: " + elementId + ": ")
                .hasMessageContaining(reason);
        ParseException refused = (ParseException) thrown;
        assertThat(refused.getResorceReports()).singleElement().satisfies(report -> {
            assertThat(report.getResourceName()).isEqualTo("changed.bpmn");
            assertThat(report.getErrors()).extracting(Problem::getMainElementId).contains(elementId);
        });
        assertThat(guarded.definitionsOf(processKey)).isEqualTo(definitions);
        assertThat(guarded.deployments()).isEqualTo(deployments);
        assertThat(guarded.lastDecision().accepted()).isFalse();
        return refused;
    }
}
