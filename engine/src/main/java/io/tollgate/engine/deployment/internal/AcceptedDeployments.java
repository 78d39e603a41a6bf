package io.tollgate.engine.deployment.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.ResourceDefinition;

/**
 * Runs after Camunda's own deployers: records a new deployment the guard let through, with the definitions and
 * versions the engine gave it, inside the deployment's own transaction (so a deployment that fails later leaves no
 * record of an acceptance).
 */
final class AcceptedDeployments implements Deployer {

    private final Supplier<DeploymentRecords> records;

    AcceptedDeployments(Supplier<DeploymentRecords> records) {
        this.records = records;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        List<String> definitions = new ArrayList<>();
        add(definitions, deployment.getDeployedProcessDefinitions());
        add(definitions, deployment.getDeployedDecisionDefinitions());
        add(definitions, deployment.getDeployedDecisionRequirementsDefinitions());
        List<String> resources = deployment.getResources() == null ? List.of()
                : List.copyOf(deployment.getResources().keySet());
        records.get().decided(new DeploymentDecision(ModelGuard.deployer(), deployment.getId(), deployment.getName(),
                deployment.getSource(), resources, definitions, List.of()));
    }

    private static void add(List<String> into, List<? extends ResourceDefinition> definitions) {
        if (definitions != null) {
            definitions.forEach(d -> into.add(d.getKey() + " v" + d.getVersion()));
        }
    }
}
