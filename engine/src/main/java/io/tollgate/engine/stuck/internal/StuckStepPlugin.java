package io.tollgate.engine.stuck.internal;

import java.util.ArrayList;
import java.util.List;

import io.tollgate.engine.stuck.StuckStepRecords;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Installs {@link StuckStepIncidents} as the engine's handler of failed jobs. */
@Component
class StuckStepPlugin extends AbstractProcessEnginePlugin {

    private final ObjectProvider<StuckStepRecords> records;

    /** @param records the features' records, resolved at each incident (the plugin is built before JPA is ready) */
    StuckStepPlugin(ObjectProvider<StuckStepRecords> records) {
        this.records = records;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomIncidentHandlers());
        handlers.add(new StuckStepIncidents(() -> records.orderedStream().toList()));
        configuration.setCustomIncidentHandlers(handlers);
    }
}
