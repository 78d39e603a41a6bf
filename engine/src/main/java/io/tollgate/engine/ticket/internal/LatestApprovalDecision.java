package io.tollgate.engine.ticket.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * Whether the latest deployed {@code sqlTicketApproval} asks for a DBA, evaluated as the engine evaluates it but
 * without writing Camunda decision history or running a decision command of its own: one query for the latest
 * definition, and a definition is parsed once (a new version is a new definition id, parsed on its first use). No
 * matching rule asks for a DBA (the stricter path); a decision that cannot be evaluated throws.
 */
@Component
class LatestApprovalDecision {

    private final RepositoryService repository;
    private final DmnEngine dmn;
    private final AtomicReference<Parsed> latest = new AtomicReference<>();

    LatestApprovalDecision(ProcessEngine engine) {
        this.repository = engine.getRepositoryService();
        this.dmn = HistoryFreeDmnEngine.like((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
    }

    boolean dbaApprovalRequired(Map<String, Object> inputs) {
        DmnDecisionResult result = dmn.evaluateDecision(decision(), inputs);
        Object answer = result.getFirstResult() == null ? null : result.getFirstResult().getSingleEntry();
        return !Boolean.FALSE.equals(answer);
    }

    private DmnDecision decision() {
        DecisionDefinition definition = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(ApprovalDecision.KEY).latestVersion().singleResult();
        if (definition == null) {
            throw new ProcessEngineException("no decision " + ApprovalDecision.KEY + " is deployed");
        }
        Parsed known = latest.get();
        if (known != null && known.definitionId().equals(definition.getId())) {
            return known.decision();
        }
        Parsed parsed = new Parsed(definition.getId(), dmn.parseDecision(ApprovalDecision.KEY,
                repository.getDmnModelInstance(definition.getId())));
        latest.set(parsed);
        return parsed.decision();
    }

    private record Parsed(String definitionId, DmnDecision decision) {
    }
}
