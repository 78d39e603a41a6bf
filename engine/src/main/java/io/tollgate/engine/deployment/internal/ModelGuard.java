package io.tollgate.engine.deployment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tollgate.engine.PrintableText;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.bpmn.deployer.BpmnDeployer;
import org.camunda.bpm.engine.impl.cmmn.deployer.CmmnDeployer;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.deployer.DecisionDefinitionDeployer;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.xml.ProblemImpl;

/**
 * A deployer that runs before Camunda's own: refuses a deployment for a tenant (Tollgate has none), checks every BPMN,
 * DMN and CMMN resource of a new deployment and, when anything is wrong, throws a {@link ParseException} naming every
 * problem with its resource and element id, which rolls the whole deployment back (nothing is stored, no definition
 * is created) and which Camunda's REST API answers with 400. Deployments the engine only loads again (its cache) are
 * not judged: they were accepted when they were new. A refusal is recorded here; an acceptance by
 * {@link AcceptedDeployments}, after the engine's own deployers.
 */
final class ModelGuard implements Deployer {

    static final String REFUSED = "Tollgate refuses this deployment (see docs/adr/0011-model-guard.md):";
    /** What a refusal of the deployment as a whole, not of one of its resources, is reported under. */
    static final String DEPLOYMENT = "the deployment";
    /** The longest deployment name: the engine's column holds 255, and a longer one failed the deployment (a 500). */
    static final int MAX_NAME = 255;

    private final BpmnModelCheck bpmn;
    private final DmnModelCheck dmn = new DmnModelCheck();
    private final Supplier<DeploymentRecords> records;

    ModelGuard(ExpressionRules rules, Supplier<DeploymentRecords> records) {
        this.bpmn = new BpmnModelCheck(rules);
        this.records = records;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        Map<String, ResourceEntity> resources = deployment.getResources() == null ? Map.of()
                : deployment.getResources();
        List<String> processes = new ArrayList<>();
        Map<String, List<Refusal>> refused = new LinkedHashMap<>();
        if (deployment.getTenantId() != null) {
            refused.put(DEPLOYMENT, List.of(new Refusal(null, "is for tenant '" + deployment.getTenantId()
                    + "': Tollgate has no tenants. Its processes start without one, and a definition of the same key"
                    + " for a tenant makes every start ambiguous (the engine will not choose), or is never used;"
                    + " deploy without a tenant id")));
        }
        String deploymentName = deployment.getName();
        boolean unprintable = deploymentName != null
                && deploymentName.codePoints().anyMatch(PrintableText::showsOtherwise);
        if (deploymentName != null && (deploymentName.length() > MAX_NAME || unprintable)) {
            refused.merge(DEPLOYMENT, List.of(new Refusal(null, "has a name of " + deploymentName.length()
                    + " characters" + (unprintable
                    ? " holding control, format or separator characters (line breaks, right-to-left overrides, half a"
                    + " UTF-16 pair), which would show otherwise than written where the name is quoted (a ticket's"
                    + " trail names the deployment that routed it)" : "") + "; a name is at most " + MAX_NAME
                    + " printable characters")), (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream())
                    .toList());
        }
        for (ResourceEntity resource : resources.values()) {
            String name = resource.getName();
            List<Refusal> refusals;
            if (endsWithAny(name, BpmnDeployer.BPMN_RESOURCE_SUFFIXES)) {
                BpmnModelCheck.Result result = bpmn.check(resource.getBytes());
                processes.addAll(result.processes());
                refusals = result.refusals();
            } else if (endsWithAny(name, DecisionDefinitionDeployer.DMN_RESOURCE_SUFFIXES)) {
                refusals = dmn.check(resource.getBytes());
            } else if (endsWithAny(name, CmmnDeployer.CMMN_RESOURCE_SUFFIXES)) {
                refusals = List.of(new Refusal(null, "is a CMMN case model; Tollgate runs no cases, and the checks "
                        + "its processes get do not exist for them"));
            } else {
                refusals = List.of();
            }
            if (!refusals.isEmpty()) {
                refused.put(name, refusals);
            }
        }
        List<String> reasons = refused.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(refusal -> e.getKey() + ": " + refusal)).toList();
        if (!refused.isEmpty()) {
            // an accepted deployment is recorded by AcceptedDeployments, once the engine has given its versions
            records.get().decided(new DeploymentDecision(deployer(), deployment.getId(), deployment.getName(),
                    deployment.getSource(), List.copyOf(resources.keySet()), processes, reasons));
            throw refusal(refused, reasons);
        }
    }

    private static ParseException refusal(Map<String, List<Refusal>> refused, List<String> reasons) {
        StringBuilder message = new StringBuilder(REFUSED);
        reasons.forEach(reason -> message.append("\n* ").append(reason));
        // one resource report fits the exception: the first refused resource's, with its element ids
        Map.Entry<String, List<Refusal>> first = refused.entrySet().iterator().next();
        List<Problem> problems = first.getValue().stream()
                .map(refusal -> (Problem) new ProblemImpl(refusal.toString(), null, refusal.elementId()))
                .toList();
        return new ParseException(message.toString(), first.getKey(), problems, List.of());
    }

    static String deployer() {
        CommandContext command = Context.getCommandContext();
        return command == null ? null : command.getAuthenticatedUserId();
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        return name != null && Arrays.stream(suffixes).anyMatch(name::endsWith);
    }
}
