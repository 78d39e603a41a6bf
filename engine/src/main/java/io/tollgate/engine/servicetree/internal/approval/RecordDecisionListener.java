package io.tollgate.engine.servicetree.internal.approval;

import java.util.Map;

import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.audit.CompletionsOutsideTollgate;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On completing an approval task: it counts only as completed by Tollgate's decision use case, which names the decider
 * ({@link ApprovalTasks#completeAsDecision}); any other completion is refused, whatever the task's assignee or the
 * engine's signed-in user (ADR 0058). The change is the process's
 * business key, and its requester, owners and plan come from the change's row, never from process variables. The
 * {@link ApprovalPolicy} (through {@link ChangeApprovals}, which first asks the permission matrix) refuses an
 * ineligible decider and records the decision with the plan's hash.
 */
@Component(Beans.RECORD_DECISION)
class RecordDecisionListener implements TaskListener {

    private final CompletionsOutsideTollgate outside;

    private final ChangeLedger ledger;
    private final ChangeApprovals approvals;

    RecordDecisionListener(ChangeLedger ledger, ChangeApprovals approvals,
            CompletionsOutsideTollgate outside) {
        this.outside = outside;
        this.ledger = ledger;
        this.approvals = approvals;
    }

    @Override
    public void notify(DelegateTask task) {
        String changeId = task.getExecution().getProcessBusinessKey();
        ChangeEntry entry = ledger.entry(changeId);
        String step = ChangeApprovals.requireStep(ApprovalTasks.step(task), task.getName(), changeId);
        String decider = ApprovalTasks.decider(task).orElseThrow(() -> outside.refused(task,
                ServiceTreeChangeProcess.KEY, changeId, "an approval of change " + changeId + " counts only when decided in Tollgate (its"
                + " tasklist or /api/v1), where who decides is checked: task '" + task.getName() + "' was completed"
                + " otherwise (another action, a model's listener or timer, the engine's API), whoever it names"));
        // what the decision use case decided, never the task's variables (a task-local one an admin set would be read
        // here and not by the process's gateway)
        Map<String, ?> decided = ApprovalTasks.decided(task);
        Boolean approved = Variables.APPROVED.from(decided);
        if (approved == null) {
            throw new NotAllowedException("complete an approval of change " + changeId + " with the variable "
                    + Variables.APPROVED.name() + " (true or false)");
        }
        String comment = Variables.COMMENT.from(decided);
        approvals.decide(entry, step, decider, approved, comment);
        boolean last = ChangeApprovals.SRE.equals(step) || !entry.critical();
        ledger.decided(changeId, decider, approved, comment, last);
    }
}
