package io.tollgate.engine.servicetree;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Beans;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Elements;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess.Variables;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * On completing an approval task, whoever completes it (Tollgate's use case, the Java API, Camunda's REST API):
 * refuses a decision by the requester or by nobody in particular (four eyes, enforced in the engine), requires the
 * decision variable, and records the decision.
 */
@Component(Beans.RECORD_DECISION)
class RecordDecisionListener implements TaskListener {

    private final IdentityService identityService;
    private final ChangeLedger ledger;

    RecordDecisionListener(IdentityService identityService, ChangeLedger ledger) {
        this.identityService = identityService;
        this.ledger = ledger;
    }

    @Override
    public void notify(DelegateTask task) {
        String changeId = Variables.CHANGE_ID.require(task);
        String requester = Variables.REQUESTER.require(task);
        Authentication authentication = identityService.getCurrentAuthentication();
        String authenticated = authentication == null ? null : authentication.getUserId();
        if (requester.equals(authenticated) || requester.equals(task.getAssignee())) {
            throw new FourEyesViolationException(requester, changeId);
        }
        String decider = authenticated != null ? authenticated : task.getAssignee();
        if (decider == null) {
            throw new NotAllowedException("an approval of change " + changeId
                    + " must be completed by a signed-in user or be assigned to its decider");
        }
        Boolean approved = Variables.APPROVED.get(task);
        if (approved == null) {
            throw new NotAllowedException("complete an approval of change " + changeId + " with the variable "
                    + Variables.APPROVED.name() + " (true or false)");
        }
        boolean last = Elements.TASK_SRE_APPROVAL.equals(task.getTaskDefinitionKey())
                || !Boolean.TRUE.equals(Variables.CRITICAL.get(task));
        ledger.decided(changeId, decider, approved, Variables.COMMENT.get(task), last);
    }
}
