package io.tollgate.engine.deployment.internal;

import java.util.List;

/**
 * What the model guard decided about one new deployment.
 *
 * @param user           who deployed (the engine's authenticated user), or {@code null} when the application itself
 *                       deployed (auto-deployment at start-up)
 * @param deploymentId   the engine's id of the deployment (a refused one is never stored under it)
 * @param deploymentName the deployment's name, as the deployer gave it (may be {@code null})
 * @param source         the deployment's source, e.g. {@code Camunda Modeler} (may be {@code null})
 * @param resources      the names of the deployment's resources
 * @param definitions    what it holds: for an accepted deployment the definitions it created with their versions
 *                       ({@code sqlTicket v4}), for a refused one the keys of its executable processes
 * @param refusals       why it was refused, one line per problem naming the resource and element; empty when accepted
 */
record DeploymentDecision(String user, String deploymentId, String deploymentName, String source,
                          List<String> resources, List<String> definitions, List<String> refusals) {

    public DeploymentDecision {
        resources = List.copyOf(resources);
        definitions = List.copyOf(definitions);
        refusals = List.copyOf(refusals);
    }

    public boolean accepted() {
        return refusals.isEmpty();
    }
}
