package io.tollgate.engine.deployment.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

/**
 * An in-memory engine (H2, no Spring, no job executor) with the model guard plugged in as the application plugs it
 * in, and the guard's decisions kept for the tests to read.
 */
final class GuardedEngine implements AutoCloseable {

    /** Beside Tollgate's own, one application bean the expression tests reach for. */
    static final String SOME_APPLICATION_BEAN = "systemEnvironment";
    private static final Predicate<String> BEANS = name -> TollgateCode.BEANS.containsKey(name)
            || Set.of(SOME_APPLICATION_BEAN).contains(name);

    final ProcessEngine engine;
    final ProcessEngineConfigurationImpl configuration;
    final List<DeploymentDecision> decisions = new CopyOnWriteArrayList<>();

    GuardedEngine() {
        String name = "model-guard-" + UUID.randomUUID();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(false);
        configuration.setProcessEnginePlugins(List.of(new ModelGuardPlugin(() -> decisions::add, BEANS),
                new KeptDeployments()));
        this.configuration = configuration;
        this.engine = configuration.buildProcessEngine();
    }

    /** Deploys the model under {@code resourceName}; throws what the engine throws. */
    Deployment deploy(String resourceName, BpmnModelInstance model) {
        return engine.getRepositoryService().createDeployment().name(resourceName)
                .addString(resourceName, Bpmn.convertToString(model)).deploy();
    }

    long definitionsOf(String processKey) {
        return engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey(processKey).count();
    }

    long deployments() {
        return engine.getRepositoryService().createDeploymentQuery().count();
    }

    DeploymentDecision lastDecision() {
        return decisions.get(decisions.size() - 1);
    }

    @Override
    public void close() {
        engine.close();
    }
}
