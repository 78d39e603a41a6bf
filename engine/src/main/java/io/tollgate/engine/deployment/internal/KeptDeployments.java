package io.tollgate.engine.deployment.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.impl.ProcessInstanceQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * A deployment that holds what Tollgate's requests run on is not deleted, from Cockpit, {@code /engine-rest} or the
 * Java API alike (a helper's finding: one admin's cascading delete of the auto-deployment ended every ticket's and tree
 * change's process, froze them in their statuses, and made every new submission fail until a restart). Refused: a
 * deployment with the latest version of a Tollgate process ({@code sqlTicket}, {@code serviceTreeChange}) or of the
 * ticket's approval decision, or with a version of a Tollgate process that a request still runs on. An older version
 * nothing runs on, and any other deployment, is deleted as Camunda deletes it. A refusal is Camunda's authorization
 * refusal (403 in its REST API) with the reason; the command writes nothing.
 */
@Component
class KeptDeployments extends AbstractProcessEnginePlugin {

    static final Set<String> DECISION_KEYS = Set.of(SqlTicketProcess.ApprovalDecision.KEY);

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandChecker> checkers = configuration.getCommandCheckers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCommandCheckers());
        checkers.add(checker());
        configuration.setCommandCheckers(checkers);
    }

    /** A command checker that checks only a deployment's deletion (every other check passes). */
    private static CommandChecker checker() {
        return (CommandChecker) Proxy.newProxyInstance(CommandChecker.class.getClassLoader(),
                new Class<?>[] {CommandChecker.class}, (proxy, method, arguments) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == arguments[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> KeptDeployments.class.getSimpleName();
                        };
                    }
                    if ("checkDeleteDeployment".equals(method.getName())) {
                        requireDeletable((String) arguments[0]);
                    }
                    return null;
                });
    }

    static void requireDeletable(String deploymentId) {
        CommandContext command = Context.getCommandContext();
        for (ProcessDefinition definition : command.getProcessDefinitionManager()
                .findProcessDefinitionsByDeploymentId(deploymentId)) {
            if (!TollgateCode.PROCESS_KEYS.contains(definition.getKey())) {
                continue;
            }
            if (isLatest(command, definition.getKey(), definition.getVersion())) {
                throw refused(deploymentId, "it holds the latest version of " + definition.getKey() + ", on which"
                        + " every new request starts");
            }
            // every request counts, whoever may read it: the person deleting may see none of them
            long running = command.runWithoutAuthorization(() -> command.getExecutionManager()
                    .findProcessInstanceCountByQueryCriteria(new ProcessInstanceQueryImpl()
                            .processDefinitionId(definition.getId())));
            if (running > 0) {
                throw refused(deploymentId, "it holds version " + definition.getVersion() + " of "
                        + definition.getKey() + ", on which " + running + " request" + (running == 1 ? "" : "s")
                        + " still run" + (running == 1 ? "s" : "") + " (deleting it would end them where they stand)");
            }
        }
        for (DecisionDefinition decision : command.getDecisionDefinitionManager()
                .findDecisionDefinitionByDeploymentId(deploymentId)) {
            if (DECISION_KEYS.contains(decision.getKey()) && command.getDecisionDefinitionManager()
                    .findLatestDecisionDefinitionByKey(decision.getKey()).getId().equals(decision.getId())) {
                throw refused(deploymentId, "it holds the latest version of the decision " + decision.getKey()
                        + ", which routes every ticket's approvals");
            }
        }
    }

    private static boolean isLatest(CommandContext command, String key, int version) {
        ProcessDefinition latest = command.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
        return latest != null && latest.getVersion() == version;
    }

    private static AuthorizationException refused(String deploymentId, String why) {
        return new AuthorizationException("Tollgate keeps deployment " + deploymentId + ": " + why + "; deploy a new"
                + " version instead (docs/adr/0067-deployments-tollgate-runs-on-are-kept.md)");
    }
}
