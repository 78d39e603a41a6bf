package io.tollgate.engine.tasklist.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.EveryUserTask;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine assigns an approval of Tollgate's only to someone whose decision would count ({@link Eligibility}, the
 * tasklist's rule): a claim, an assignment or a delegation to anyone else, from Cockpit or any engine API, fails with
 * the policy's reason. Otherwise an admin could hand the requester their own approval, which then nobody could decide
 * until an admin handed it back. A listener for "assignment" on every user task ({@link EveryUserTask}); handing a task
 * back (no assignee) is always allowed, and the decision use cases, which check the decider themselves, assign within
 * their decision ({@link ApprovalTasks#completeAsDecision}). Each refusal is in the trail, about the ticket or change.
 * <p>It listens for "update" too: a task an admin marked delegated by hand (Cockpit's task form: an owner, delegation
 * PENDING) and then resolved by submitting its form is handed to its owner with no "assignment" event (Camunda's
 * form submission forgets the change before it fires one), so that path gave the submitter their own approval. On
 * "update", the task's assignee must be someone who may decide it, whatever changed.
 */
@Component
class EligibleAssignees extends AbstractProcessEnginePlugin {

    /** The rule, read when the first assignment happens: it needs the engine's services, built after this plugin. */
    private final ObjectProvider<Eligibility> eligibility;
    private final ObjectProvider<AuditTrail> trail;
    private final ObjectProvider<PlatformTransactionManager> transactions;

    EligibleAssignees(ObjectProvider<Eligibility> eligibility, ObjectProvider<AuditTrail> trail,
                      ObjectProvider<PlatformTransactionManager> transactions) {
        this.eligibility = eligibility;
        this.trail = trail;
        this.transactions = transactions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        EveryUserTask.listen(configuration, List.of(TaskListener.EVENTNAME_ASSIGNMENT),
                processKey -> task -> assigned(processKey, task));
        EveryUserTask.listen(configuration, List.of(TaskListener.EVENTNAME_UPDATE),
                processKey -> task -> updated(processKey, task));
    }

    /** An update that changes the assignee is checked by the "assignment" event that follows it; any other here. */
    void updated(String processKey, DelegateTask task) {
        if (!(task instanceof TaskEntity entity) || !entity.getPropertyChanges().containsKey(TaskEntity.ASSIGNEE)) {
            assigned(processKey, task);
        }
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
            String refusal = assignee + " may not be assigned task '" + task.getName() + "': " + whyNot.get();
            recordRefusal(processKey, execution == null ? null : execution.getProcessBusinessKey(), task, assignee,
                    refusal);
            throw new ApprovalRefusedException(ApprovalRefusedException.Reason.NOT_ELIGIBLE, refusal);
        }
    }

    /**
     * The refused assignment in the trail, about the ticket or change ({@code task.assignment-refused}: who tried,
     * whom, why), in a transaction of its own: the command that tried it rolls back.
     */
    private void recordRefusal(String processKey, String businessKey, DelegateTask task, String assignee,
                               String refusal) {
        CommandContext command = Context.getCommandContext();
        String actor = command == null ? null : command.getAuthenticatedUserId();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.getId());
        payload.put("task", task.getName());
        payload.put("to", assignee);
        TransactionTemplate own = new TransactionTemplate(transactions.getObject());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(status -> trail.getObject().record(new AuditEvent("task.assignment-refused", actor,
                KnownProcesses.subjectType(processKey), businessKey == null ? task.getProcessInstanceId()
                : businessKey, refusal, payload)));
    }
}
