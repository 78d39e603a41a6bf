package io.tollgate.engine.ticket.internal.review;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.springframework.stereotype.Component;

/**
 * Whether the latest deployed {@code sqlTicketApproval} asks for a DBA, evaluated as the engine evaluates it but
 * without writing Camunda decision history or running a decision command of its own: one query for the latest
 * definition without a tenant (the one the model's business rule task uses), and a definition is parsed once (a new
 * version is a new definition id, parsed on its first use). No matching rule asks for a DBA (the stricter path); a
 * decision that cannot be evaluated throws.
 * <p>
 * A definition whose answer depends on its inputs alone ({@link PureDecisions}: FEEL without function calls) is
 * evaluated once per distinct set of inputs and its answer kept with the parsed definition (at most
 * {@value #MAX_ANSWERS} per definition; a new version starts afresh): FEEL builds its built-in functions anew for
 * every unary test it evaluates, which made the review's routing about 6 % of a ticket's CPU. A definition that
 * may read the clock or anything else is evaluated every time.
 */
@Component
public class LatestApprovalDecision {

    static final int MAX_ANSWERS = 1024;

    private final RepositoryService repository;
    private final CommandExecutor commands;
    private final DmnEngine dmn;
    private final AtomicReference<Parsed> latest = new AtomicReference<>();
    private final AtomicLong evaluations = new AtomicLong();

    LatestApprovalDecision(ProcessEngine engine) {
        this.repository = engine.getRepositoryService();
        this.commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        this.dmn = HistoryFreeDmnEngine.like((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration());
    }

    /**
     * What the decision answers, and which deployed version answered: {@code by} names the decision's key, version and
     * deployment ({@code sqlTicketApproval version 3, deployment "no-dba" 2a5f...}), for the ticket's trail.
     */
    record Answer(boolean dbaApprovalRequired, String by) {
    }

    boolean dbaApprovalRequired(Map<String, Object> inputs) {
        return answer(inputs).dbaApprovalRequired();
    }

    Answer answer(Map<String, Object> inputs) {
        Parsed parsed = decision();
        if (!parsed.pure() || !inputs.values().stream().allMatch(LatestApprovalDecision::immutable)) {
            return new Answer(evaluate(parsed.decision(), inputs), parsed.by());
        }
        Map<String, Object> key = Collections.unmodifiableMap(new HashMap<>(inputs));
        Boolean known = parsed.answers().get(key);
        if (known != null) {
            return new Answer(known, parsed.by());
        }
        boolean answer = evaluate(parsed.decision(), inputs);
        if (parsed.answers().size() < MAX_ANSWERS) {
            parsed.answers().put(key, answer);
        }
        return new Answer(answer, parsed.by());
    }

    /** How many times the decision was evaluated (not answered from memory) since start; for tests. */
    long evaluations() {
        return evaluations.get();
    }

    private boolean evaluate(DmnDecision decision, Map<String, Object> inputs) {
        evaluations.incrementAndGet();
        DmnDecisionResult result = dmn.evaluateDecision(decision, inputs);
        Object answer = result.getFirstResult() == null ? null : result.getFirstResult().getSingleEntry();
        return !Boolean.FALSE.equals(answer);
    }

    private static boolean immutable(Object value) {
        return value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Integer || value instanceof Enum<?>;
    }

    private Parsed decision() {
        // the definition the model's business rule task evaluates: Tollgate's process has no tenant, so the latest
        // without one, by the engine's own short statement (a definition query builds its SQL from dozens of
        // optional criteria, and across tenants it found two and failed once someone deployed the decision for one)
        DecisionDefinition definition = commands.execute(context -> context.getDecisionDefinitionManager()
                .findLatestDecisionDefinitionByKeyAndTenantId(ApprovalDecision.KEY, null));
        if (definition == null) {
            throw new ProcessEngineException("no decision " + ApprovalDecision.KEY + " is deployed");
        }
        Parsed known = latest.get();
        if (known != null && known.definitionId().equals(definition.getId())) {
            return known;
        }
        DmnModelInstance model = repository.getDmnModelInstance(definition.getId());
        Parsed parsed = new Parsed(definition.getId(), dmn.parseDecision(ApprovalDecision.KEY, model),
                PureDecisions.pure(model, (DefaultDmnEngineConfiguration) dmn.getConfiguration()),
                new ConcurrentHashMap<>(), describe(definition));
        latest.set(parsed);
        return parsed;
    }

    /** The decision's key, version and deployment (its name when it has one, and its id): read once a version. */
    private String describe(DecisionDefinition definition) {
        Deployment deployment = repository.createDeploymentQuery().deploymentId(definition.getDeploymentId())
                .singleResult();
        String name = deployment == null || deployment.getName() == null ? "" : shown(deployment.getName());
        name = name.isEmpty() ? "" : "\"" + name + "\" ";
        return definition.getKey() + " version " + definition.getVersion() + ", deployment " + name
                + definition.getDeploymentId();
    }

    /**
     * A deployment name as the trail quotes it: at most {@value #MAX_SHOWN} characters (whole code points), what shows
     * otherwise than written (controls, format characters such as right-to-left overrides, line and paragraph
     * separators, half a UTF-16 pair) as a space, a double quote as a single one. Names deployed before the model
     * guard refused such names are quoted this way too.
     */
    static String shown(String name) {
        StringBuilder b = new StringBuilder();
        int count = 0;
        int i = 0;
        while (i < name.length() && count < MAX_SHOWN) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            b.appendCodePoint(io.tollgate.engine.PrintableText.showsOtherwise(cp) ? ' ' : cp == '"' ? '\'' : cp);
            count++;
        }
        String shown = b.toString().replaceAll(" {2,}", " ").strip();
        return i < name.length() ? shown + "…" : shown;
    }

    static final int MAX_SHOWN = 100;

    private record Parsed(String definitionId, DmnDecision decision, boolean pure,
                          Map<Map<String, Object>, Boolean> answers, String by) {
    }
}
