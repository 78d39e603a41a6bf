package io.tollgate.engine.tasklist.internal;

import java.util.List;
import java.util.Optional;

import io.tollgate.engine.EveryUserTask;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalTasks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The engine assigns an approval of Tollgate's only to someone whose decision would count ({@link Eligibility}, the
 * tasklist's rule): a claim, an assignment or a delegation to anyone else, from Cockpit or any engine API, fails with
 * the policy's reason. Otherwise an admin could hand the requester their own approval, which then nobody could decide
 * until an admin handed it back. A listener for "assignment" on every user task ({@link EveryUserTask}); handing a task
 * back (no assignee) is always allowed, and the decision use cases, which check the decider themselves, assign within
 * their decision ({@link ApprovalTasks#completeAsDecision}).
 */
@Component
class EligibleAssignees extends AbstractProcessEnginePlugin {

    /** The rule, read when the first assignment happens: it needs the engine's services, built after this plugin. */
    private final ObjectProvider<Eligibility> eligibility;

    EligibleAssignees(ObjectProvider<Eligibility> eligibility) {
        this.eligibility = eligibility;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, List.of(TaskListener.EVENTNAME_ASSIGNMENT),
                processKey -> task -> assigned(processKey, task));
    }

    void assigned(String processKey, DelegateTask task) {
        String assignee = task.getAssignee();
        if (assignee == null || !KnownProcesses.isApproval(processKey, task.getTaskDefinitionKey())
                || ApprovalTasks.decider(task).filter(assignee::equals).isPresent()) {
            return;
        }
        DelegateExecution execution = task.getExecution();
        Optional<String> whyNot = eligibility.getObject().whyNot(processKey,
                execution == null ? null : execution.getProcessBusinessKey(), (Task) task, assignee);
        if (whyNot.isPresent()) {
            throw new ApprovalRefusedException(ApprovalRefusedException.Reason.NOT_ELIGIBLE, assignee
                    + " may not be assigned task '" + task.getName() + "': " + whyNot.get());
        }
    }
}
