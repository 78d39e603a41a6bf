package io.tollgate.engine.ticket.internal.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The review's evaluation of {@code sqlTicketApproval} against the model's (a business rule task on the same engine,
 * as in {@code sqlTicket.bpmn}) on a real in-memory engine with full history: the same answer for each rule, no
 * decision history of its own, and the latest deployed version each time.
 */
class LatestApprovalDecisionTest {

    private static final String ROUTING = "routing";
    private static final String ROUTE = "route";
    private static final String OTHERWISE_RULE = "<rule id=\"Rule_Otherwise\">";
    private static ProcessEngine engine;
    private static LatestApprovalDecision decision;
    private static String shipped;

    @BeforeAll
    static void deploy() throws IOException {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        String name = "approval-decision-" + UUID.randomUUID();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        engine = configuration.buildProcessEngine();
        try (InputStream in = LatestApprovalDecisionTest.class.getClassLoader()
                .getResourceAsStream(ApprovalDecision.RESOURCE)) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        engine.getRepositoryService().createDeployment().addString("sqlTicketApproval.dmn", shipped)
                .addModelInstance("routing.bpmn", Bpmn.createExecutableProcess(ROUTING).startEvent()
                        .businessRuleTask(ROUTE).camundaDecisionRef(ApprovalDecision.KEY)
                        .camundaResultVariable(Variables.DBA_APPROVAL_REQUIRED.name())
                        .camundaMapDecisionResult("singleEntry")
                        .userTask("wait").endEvent().done())
                .deploy();
        decision = new LatestApprovalDecision(engine);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest(name = "{0} {1} ddl={2} rows={3} -> {4}")
    @CsvSource({
            "DEV,  HIGH,     false, 10,      true",
            "PROD, HIGH,     true,  500000,  true",
            "PROD, LOW,      true,  0,       true",
            "TEST, LOW,      false, 100001,  true",
            "PROD, MODERATE, false, 10,      true",
            "DEV,  LOW,      false, 100000,  false",
            "TEST, MODERATE, true,  10,      false",
            "PROD, LOW,      false, 100,     false",
            "DEV,  MODERATE, true,  100001,  true",
            "PROD, ,         false, 1,       false",
    })
    void answersAsTheModelsBusinessRuleTaskDoesAndWritesNoHistoryOfItsOwn(String environment, String riskLevel,
                                                                           boolean hasDdl, long estimatedRows,
                                                                           boolean dbaApprovalRequired) {
        Map<String, Object> inputs = inputs(environment, riskLevel, hasDdl, estimatedRows);
        long recorded = decisionHistory();

        assertThat(decision.dbaApprovalRequired(inputs)).isEqualTo(dbaApprovalRequired);
        assertThat(decisionHistory()).as("the review's evaluation records nothing").isEqualTo(recorded);

        assertThat(modelsAnswer(inputs)).isEqualTo(dbaApprovalRequired);
        assertThat(decisionHistory()).as("the model's business rule task records its own").isEqualTo(recorded + 1);
    }

    @Test
    void aNewVersionIsUsedByTheNextEvaluationAndNoMatchingRuleAsksForADba() {
        Map<String, Object> inputs = inputs("DEV", "LOW", false, 10);
        assertThat(decision.dbaApprovalRequired(inputs)).isFalse();

        String withoutOtherwise = engine.getRepositoryService().createDeployment()
                .addString("sqlTicketApproval.dmn", withoutOtherwiseRule()).deploy().getId();
        try {
            assertThat(modelsAnswer(inputs)).as("no rule matches").isNull();
            assertThat(decision.dbaApprovalRequired(inputs)).as("the stricter path").isTrue();
        } finally {
            engine.getRepositoryService().deleteDeployment(withoutOtherwise, true);
        }
        assertThat(decision.dbaApprovalRequired(inputs)).as("the shipped version, latest again").isFalse();
    }

    @Test
    void aVersionDeployedForATenantIsNotTheOneTheProcessEvaluates() {
        Map<String, Object> inputs = inputs("DEV", "LOW", false, 10);
        assertThat(decision.dbaApprovalRequired(inputs)).isFalse();

        String forATenant = engine.getRepositoryService().createDeployment().tenantId("tenant-a")
                .addString("sqlTicketApproval.dmn", withoutOtherwiseRule()).deploy().getId();
        try {
            assertThat(modelsAnswer(inputs)).as("the process has no tenant: the version without one").isFalse();
            assertThat(decision.dbaApprovalRequired(inputs)).as("the same version, not the tenant's (which would"
                    + " ask for a DBA: no rule matches there)").isFalse();
        } finally {
            engine.getRepositoryService().deleteDeployment(forATenant, true);
        }
    }

    @Test
    void aDecisionOfItsInputsAloneIsEvaluatedOncePerDistinctInputs() {
        Map<String, Object> calm = inputs("TEST", "LOW", false, 7);
        Map<String, Object> many = inputs("TEST", "LOW", false, 700_000);
        long before = decision.evaluations();

        assertThat(decision.dbaApprovalRequired(calm)).isFalse();
        assertThat(decision.dbaApprovalRequired(inputs("TEST", "LOW", false, 7))).isFalse();
        assertThat(decision.evaluations()).as("the same inputs again: answered from memory").isEqualTo(before + 1);
        assertThat(decision.dbaApprovalRequired(many)).as("other inputs: evaluated").isTrue();
        assertThat(decision.dbaApprovalRequired(many)).isTrue();
        assertThat(decision.evaluations()).isEqualTo(before + 2);
        assertThat(modelsAnswer(calm)).isFalse();
        assertThat(modelsAnswer(many)).isTrue();
    }

    @Test
    void aDecisionThatCallsAFunctionIsEvaluatedEveryTime() {
        // now(), today() or a custom function could answer differently the next time: any call makes it impure
        String calling = engine.getRepositoryService().createDeployment().addString("sqlTicketApproval.dmn",
                shipped.replace("&gt; 100000", "&gt; floor(100000)")).deploy().getId();
        try {
            Map<String, Object> many = inputs("DEV", "LOW", false, 100_001);
            Map<String, Object> few = inputs("DEV", "LOW", false, 99_999);
            long before = decision.evaluations();
            assertThat(decision.dbaApprovalRequired(many)).isTrue();
            assertThat(decision.dbaApprovalRequired(many)).isTrue();
            assertThat(decision.dbaApprovalRequired(few)).isFalse();
            assertThat(decision.dbaApprovalRequired(few)).isFalse();
            assertThat(decision.evaluations()).isEqualTo(before + 4);
            assertThat(modelsAnswer(many)).isTrue();
        } finally {
            engine.getRepositoryService().deleteDeployment(calling, true);
        }
    }

    @Test
    void aDecisionWithAJuelExpressionIsEvaluatedEveryTime() {
        // JUEL reaches the application's beans and their properties without a call: never kept
        String juel = engine.getRepositoryService().createDeployment().addString("sqlTicketApproval.dmn",
                shipped.replace("<inputEntry id=\"InputEntry_HighRisk_RiskLevel\">\n          <text>\"HIGH\"</text>",
                        "<inputEntry id=\"InputEntry_HighRisk_RiskLevel\" expressionLanguage=\"juel\">\n"
                                + "          <text>${cellInput == 'HIGH'}</text>")).deploy().getId();
        try {
            Map<String, Object> high = inputs("DEV", "HIGH", false, 1);
            Map<String, Object> low = inputs("DEV", "LOW", false, 1);
            long before = decision.evaluations();
            // JUEL is evaluated inside an engine command, as the review's job is
            assertThat(inCommand(() -> decision.dbaApprovalRequired(high))).isTrue();
            assertThat(inCommand(() -> decision.dbaApprovalRequired(high))).isTrue();
            assertThat(inCommand(() -> decision.dbaApprovalRequired(low))).isFalse();
            assertThat(decision.evaluations()).isEqualTo(before + 3);
        } finally {
            engine.getRepositoryService().deleteDeployment(juel, true);
        }
    }

    @Test
    void aDecisionThatCannotBeEvaluatedFailsInsteadOfSkippingTheDba() {
        String broken = engine.getRepositoryService().createDeployment().addString("sqlTicketApproval.dmn",
                shipped.replace("<inputExpression id=\"InputExpression_Environment\" typeRef=\"string\">",
                        "<inputExpression id=\"InputExpression_Environment\" typeRef=\"integer\">")).deploy().getId();
        try {
            assertThatThrownBy(() -> decision.dbaApprovalRequired(inputs("PROD", "LOW", false, 10)))
                    .isInstanceOf(DmnEngineException.class);
        } finally {
            engine.getRepositoryService().deleteDeployment(broken, true);
        }
    }

    private static <T> T inCommand(java.util.function.Supplier<T> work) {
        return ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired().execute(context -> work.get());
    }

    private static String withoutOtherwiseRule() {
        int start = shipped.indexOf(OTHERWISE_RULE);
        int end = shipped.indexOf("</rule>", start) + "</rule>".length();
        assertThat(start).isPositive();
        return shipped.substring(0, start) + shipped.substring(end);
    }

    private static Boolean modelsAnswer(Map<String, Object> inputs) {
        String instanceId = engine.getRuntimeService().startProcessInstanceByKey(ROUTING, inputs).getId();
        Boolean answer = (Boolean) engine.getRuntimeService()
                .getVariable(instanceId, Variables.DBA_APPROVAL_REQUIRED.name());
        engine.getRuntimeService().deleteProcessInstance(instanceId, "compared");
        return answer;
    }

    private static long decisionHistory() {
        return engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(ApprovalDecision.KEY).count();
    }

    private static Map<String, Object> inputs(String environment, String riskLevel, boolean hasDdl,
                                              long estimatedRows) {
        Map<String, Object> inputs = new HashMap<>();
        Variables.ENVIRONMENT.into(inputs, environment);
        Variables.RISK_LEVEL.into(inputs, riskLevel);
        Variables.HAS_DDL.into(inputs, hasDdl);
        Variables.ESTIMATED_ROWS.into(inputs, estimatedRows);
        return inputs;
    }

    /** A deployment name as a ticket's trail quotes it: whole code points, nothing that shows otherwise than written. */
    @Test
    void aDeploymentNameIsQuotedWithWholeCharactersAndNothingThatShowsOtherwise() {
        String cut = "A".repeat(99) + "\uD83D\uDE00tail";
        assertThat(LatestApprovalDecision.shown(cut)).isEqualTo("A".repeat(99) + "\uD83D\uDE00…");
        assertThat(LatestApprovalDecision.shown("a \"quote\"\u202Eevil\u2028x\u0085y\tz \uD83D"))
                .isEqualTo("a 'quote' evil x y z");
        assertThat(LatestApprovalDecision.shown("calm routing")).isEqualTo("calm routing");
    }
}
