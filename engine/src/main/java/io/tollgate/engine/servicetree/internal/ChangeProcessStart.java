package io.tollgate.engine.servicetree.internal;

import java.util.HashMap;
import java.util.Map;

import io.tollgate.engine.deployment.RequestProcesses;
import io.tollgate.engine.servicetree.internal.apply.ServiceTreeChangeProperties;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts a change's process from its row: at its request, and anew at one of its steps that an admin's Cockpit action
 * took away ({@link StrandedChanges}). One place for the variables a change's process starts with (routing only: the
 * change and its plan are in the row, whatever their size).
 */
@Component
class ChangeProcessStart {

    private final RuntimeService runtimeService;
    private final ServiceTreeChangeProperties properties;

    ChangeProcessStart(RuntimeService runtimeService, ServiceTreeChangeProperties properties) {
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    /** The requested change's process; its validation runs in the caller's transaction. */
    void start(ChangeEntry change) {
        RequestProcesses.start(() -> runtimeService.startProcessInstanceByKey(ServiceTreeChangeProcess.KEY,
                change.changeId(), variables(change)));
    }

    /** The change's process, started before {@code activityId}. */
    void startBefore(ChangeEntry change, String activityId) {
        RequestProcesses.start(() -> runtimeService.createProcessInstanceByKey(ServiceTreeChangeProcess.KEY)
                .businessKey(change.changeId()).setVariables(variables(change)).startBeforeActivity(activityId)
                .execute());
    }

    private Map<String, Object> variables(ChangeEntry change) {
        Map<String, Object> variables = new HashMap<>();
        Variables.CHANGE_ID.into(variables, change.changeId());
        Variables.REQUESTER.into(variables, change.requester());
        Variables.SUBJECT.into(variables, change.subject());
        Variables.REMIND_AFTER.into(variables, properties.remindAfter().toString());
        Variables.EXPIRE_AFTER.into(variables, properties.expireAfter().toString());
        return variables;
    }
}
