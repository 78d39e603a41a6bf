package io.tollgate.engine.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A decision task (an approval, a DBA's decision after a failure) completed outside Tollgate's decision use cases
 * (Cockpit's complete or submit-form, the engine's API, a model's timer) decides nothing: the record listeners refuse it
 * ({@link ApprovalRefusedException.Reason#NO_DECIDER}). The refusal is in the trail too, as
 * {@code task.completion-refused} about the ticket or change, with who tried (a helper's finding: an admin's refused
 * completions in Cockpit left no trace, where a refused assignment did), in a transaction of its own: the command that
 * tried it rolls back.
 */
@Component
public class CompletionsOutsideTollgate {

    /** The trail's subject type of a request, by its process's key. */
    private static final Map<String, String> SUBJECT_TYPES = Map.of(SqlTicketProcess.KEY, "ticket",
            ServiceTreeChangeProcess.KEY, "tree-change");

    private final ObjectProvider<AuditTrail> trail;
    private final ObjectProvider<PlatformTransactionManager> transactions;

    CompletionsOutsideTollgate(ObjectProvider<AuditTrail> trail,
                               ObjectProvider<PlatformTransactionManager> transactions) {
        this.trail = trail;
        this.transactions = transactions;
    }

    /** Records the refused completion of {@code task}, of the request {@code requestId}; returns the refusal to throw. */
    public ApprovalRefusedException refused(DelegateTask task, String processKey, String requestId, String why) {
        CommandContext command = Context.getCommandContext();
        String actor = command == null ? null : command.getAuthenticatedUserId();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.getId());
        payload.put("task", task.getName());
        if (task.getAssignee() != null) {
            payload.put("assignee", task.getAssignee());
        }
        TransactionTemplate own = new TransactionTemplate(transactions.getObject());
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(status -> trail.getObject().record(new AuditEvent("task.completion-refused", actor,
                SUBJECT_TYPES.getOrDefault(processKey, "process-instance"), requestId == null ? task.getProcessInstanceId()
                : requestId, (actor == null ? "a completion" : actor + "'s completion") + " of task '" + task.getName()
                + "' outside Tollgate refused: " + why, payload)));
        return new ApprovalRefusedException(ApprovalRefusedException.Reason.NO_DECIDER, why);
    }
}
