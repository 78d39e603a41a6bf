package io.tollgate.processes;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;

/**
 * One in-memory engine (from {@code camunda.cfg.xml}) for all process tests of this module. The beans the models
 * reference by expression ({@code ${validateChangeDelegate}}) come from a map the tests fill with doubles: the real
 * delegates live in the engine module.
 */
public final class ProcessTestEngine {

    private static final Map<Object, Object> BEANS = new HashMap<>();
    private static ProcessEngine engine;

    private ProcessTestEngine() {
    }

    /** The engine, built on first use and handed to camunda-bpm-assert. */
    public static synchronized ProcessEngine get() {
        if (engine == null) {
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                    ProcessEngineConfiguration.createProcessEngineConfigurationFromResource("camunda.cfg.xml");
            configuration.setBeans(BEANS);
            engine = configuration.buildProcessEngine();
        }
        BpmnAwareTests.init(engine);
        return engine;
    }

    /** Deploys the classpath resources (a model and the decisions it calls) together; returns the deployment id. */
    public static String deploy(String... resources) {
        var deployment = get().getRepositoryService().createDeployment();
        for (String resource : resources) {
            deployment.addClasspathResource(resource);
        }
        return deployment.deploy().getId();
    }

    /** Deletes every running instance, so that each test starts from none. */
    public static void removeInstances() {
        get().getRuntimeService().createProcessInstanceQuery().list()
                .forEach(pi -> get().getRuntimeService().deleteProcessInstance(pi.getId(), "test over"));
    }

    /** Removes a deployment made by {@link #deploy}, with its instances and history. */
    public static void undeploy(String deploymentId) {
        get().getRepositoryService().deleteDeployment(deploymentId, true);
    }

    /** Makes {@code bean} resolvable as {@code ${name}}, replacing what a previous test registered. */
    public static void register(String name, Object bean) {
        BEANS.put(name, bean);
    }
}
