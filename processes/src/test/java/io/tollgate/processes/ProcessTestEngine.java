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

    /** Makes {@code bean} resolvable as {@code ${name}}, replacing what a previous test registered. */
    public static void register(String name, Object bean) {
        BEANS.put(name, bean);
    }
}
