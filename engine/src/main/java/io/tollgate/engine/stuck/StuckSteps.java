package io.tollgate.engine.stuck;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.SetJobRetriesCmd;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * Retries the stuck steps of one ticket or change, for a person the feature has already allowed to: their jobs get one
 * more try (a step's due now, a timer's at its time). The incident is resolved in the same transaction, and the feature's {@link StuckStepRecords}
 * hears of it with the person's name (as it does when an admin retries the job in Cockpit).
 */
@Component
public class StuckSteps {

    private final ProcessEngineConfigurationImpl configuration;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final IdentityService identity;

    StuckSteps(ProcessEngineConfigurationImpl configuration, RuntimeService runtime, ManagementService management,
               IdentityService identity) {
        this.configuration = configuration;
        this.runtime = runtime;
        this.management = management;
        this.identity = identity;
    }

    /**
     * Gives every job without retries left of the process {@code processKey} with business key {@code businessKey}
     * one more try, as {@code actor}; in the caller's transaction. Returns how many there were (0: nothing was stuck).
     * A step's job runs again now; a timer's keeps its time: a ticket scheduled for the night is not run at noon
     * because its timer was retried.
     */
    public int retry(String processKey, String businessKey, String actor) {
        List<Job> stuck = runtime.createProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(businessKey).list().stream().map(ProcessInstance::getId)
                .flatMap(id -> management.createJobQuery().processInstanceId(id).noRetriesLeft().list().stream())
                .toList();
        if (stuck.isEmpty()) {
            return 0;
        }
        List<String> steps = stuck.stream().filter(job -> !(job instanceof TimerEntity)).map(Job::getId).toList();
        List<String> timers = stuck.stream().filter(job -> job instanceof TimerEntity).map(Job::getId).toList();
        // the person is named in Camunda's operation log and to the records; whether they may was decided by the
        // feature's use case, so Camunda's own authorizations (for Cockpit's users) are not asked
        Authentication before = identity.getCurrentAuthentication();
        identity.setAuthenticatedUserId(actor);
        try {
            configuration.getCommandExecutorTxRequired().execute(context -> {
                context.disableAuthorizationCheck();
                if (!steps.isEmpty()) {
                    new SetJobRetriesCmd(steps, 1, new Date(), true).execute(context);
                }
                if (!timers.isEmpty()) {
                    new SetJobRetriesCmd(timers, 1, null, false).execute(context);
                }
                return null;
            });
        } finally {
            identity.setAuthentication(before);
        }
        return stuck.size();
    }
}
