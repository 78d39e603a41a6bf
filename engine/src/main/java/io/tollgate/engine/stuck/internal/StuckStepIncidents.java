package io.tollgate.engine.stuck.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.tollgate.engine.stuck.StuckStep;
import io.tollgate.engine.stuck.StuckStepRecords;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.IncidentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Camunda's handler of failed jobs (it creates, resolves and deletes the incident as Camunda's default does), which
 * also tells the feature whose process it is: in the same command, so the ticket or change shows the stuck step
 * exactly when Cockpit does.
 */
final class StuckStepIncidents extends DefaultIncidentHandler {

    private final Supplier<List<StuckStepRecords>> records;

    StuckStepIncidents(Supplier<List<StuckStepRecords>> records) {
        super(Incident.FAILED_JOB_HANDLER_TYPE);
        this.records = records;
    }

    @Override
    public Incident handleIncident(IncidentContext context, String message) {
        Incident incident = super.handleIncident(context, message);
        step((IncidentEntity) incident, message == null || message.isBlank() ? failure(context) : message)
                .ifPresent(step -> recordsOf(step).ifPresent(r -> r.stuck(step)));
        return incident;
    }

    @Override
    protected void removeIncident(IncidentContext context, boolean incidentResolved) {
        CommandContext command = Context.getCommandContext();
        // what Camunda's default does (resolve or delete the job's incidents), and the steps they stood for
        List<StuckStep> steps = new ArrayList<>();
        for (Incident found : command.getIncidentManager().findIncidentByConfiguration(context.getConfiguration())) {
            IncidentEntity incident = (IncidentEntity) found;
            if (incident.getId().equals(incident.getRootCauseIncidentId())) {
                step(incident, incident.getIncidentMessage()).ifPresent(steps::add);
            }
            if (incidentResolved) {
                incident.resolve();
            } else {
                incident.delete();
            }
        }
        String actor = command.getAuthenticatedUserId();
        for (StuckStep step : steps) {
            recordsOf(step).ifPresent(r -> {
                if (incidentResolved) {
                    r.retried(step, actor);
                } else {
                    r.gone(step);
                }
            });
        }
    }

    private Optional<StuckStepRecords> recordsOf(StuckStep step) {
        return records.get().stream().filter(r -> r.processKey().equals(step.processKey())).findFirst();
    }

    /** The step an incident stands for, when its process instance has a business key (Tollgate's always do). */
    private static Optional<StuckStep> step(IncidentEntity incident, String reason) {
        if (incident.getProcessInstanceId() == null || incident.getProcessDefinitionId() == null) {
            return Optional.empty();
        }
        ExecutionEntity instance = Context.getCommandContext().getExecutionManager()
                .findExecutionById(incident.getProcessInstanceId());
        ProcessDefinitionEntity definition = Context.getProcessEngineConfiguration().getDeploymentCache()
                .findDeployedProcessDefinitionById(incident.getProcessDefinitionId());
        if (instance == null || instance.getBusinessKey() == null || definition == null) {
            return Optional.empty();
        }
        String stepId = incident.getActivityId();
        ActivityImpl activity = stepId == null ? null : definition.findActivity(stepId);
        return Optional.of(new StuckStep(definition.getKey(), instance.getBusinessKey(), stepId,
                activity == null ? null : (String) activity.getProperty("name"), reason));
    }

    /** The first line of the job's stack trace, for a failure without a message (a NullPointerException). */
    private static String failure(IncidentContext context) {
        var job = Context.getCommandContext().getJobManager().findJobById(context.getConfiguration());
        String trace = job == null ? null : job.getExceptionStacktrace();
        if (trace == null || trace.isBlank()) {
            return "no failure was recorded (its retries were set to 0)";
        }
        int end = trace.indexOf('\n');
        return (end < 0 ? trace : trace.substring(0, end)).strip();
    }
}
