package io.tollgate.processes.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.tollgate.processes.ProcessTestEngine;
import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each rule of {@code sqlTicketApproval} and the default, by the rule that decided (hit policy FIRST). */
class SqlTicketApprovalDecisionTest {

    private static ProcessEngine engine;
    private static String deploymentId;

    @BeforeAll
    static void deploy() {
        engine = ProcessTestEngine.get();
        deploymentId = engine.getRepositoryService().createDeployment()
                .addClasspathResource(ApprovalDecision.RESOURCE).deploy().getId();
    }

    @AfterAll
    static void undeploy() {
        engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }

    @ParameterizedTest(name = "{0} {1} ddl={2} rows={3} -> {4} by {5}")
    @CsvSource({
            "DEV,  HIGH,     false, 10,      true,  Rule_HighRisk",
            "PROD, HIGH,     true,  500000,  true,  Rule_HighRisk",
            "PROD, LOW,      true,  0,       true,  Rule_ProdDdl",
            "TEST, LOW,      false, 100001,  true,  Rule_ManyRows",
            "PROD, MODERATE, false, 10,      true,  Rule_ProdModerateRisk",
            "DEV,  LOW,      false, 100000,  false, Rule_Otherwise",
            "TEST, MODERATE, true,  10,      false, Rule_Otherwise",
            "PROD, LOW,      false, 100,     false, Rule_Otherwise",
    })
    void decidesWhetherADbaApprovesToo(String environment, String riskLevel, boolean hasDdl, long estimatedRows,
                                       boolean dbaApprovalRequired, String rule) {
        VariableMap inputs = org.camunda.bpm.engine.variable.Variables.createVariables()
                .putValue(Variables.ENVIRONMENT.name(), environment)
                .putValue(Variables.RISK_LEVEL.name(), riskLevel)
                .putValue(Variables.HAS_DDL.name(), hasDdl)
                .putValue(Variables.ESTIMATED_ROWS.name(), estimatedRows);

        String decisionId = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(ApprovalDecision.KEY).latestVersion().singleResult().getId();
        engine.getHistoryService().deleteHistoricDecisionInstanceByDefinitionId(decisionId);

        Map<String, Object> result = engine.getDecisionService()
                .evaluateDecisionTableByKey(ApprovalDecision.KEY, inputs).getSingleResult().getEntryMap();

        assertThat(result).containsExactly(Map.entry(Variables.DBA_APPROVAL_REQUIRED.name(), dbaApprovalRequired));
        HistoricDecisionInstance evaluation = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionId(decisionId).includeOutputs().singleResult();
        assertThat(evaluation.getOutputs()).singleElement().satisfies(output -> assertThat(output.getRuleId())
                .as("the first matching rule decides").isEqualTo(rule));
    }
}
