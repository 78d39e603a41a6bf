package io.tollgate.engine.servicetree.internal.approval;

import java.util.Optional;

import io.tollgate.engine.approval.ApprovalEligibility;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.engine.servicetree.internal.journal.ChangeLedger;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Whether a tree change's approval step is someone's to decide: the decision's own checks on the change's row. */
@Component
class ChangeApprovalEligibility implements ApprovalEligibility {

    private final ChangeLedger ledger;
    private final ChangeApprovals approvals;

    ChangeApprovalEligibility(ChangeLedger ledger, ChangeApprovals approvals) {
        this.ledger = ledger;
        this.approvals = approvals;
    }

    @Override
    public String processKey() {
        return ServiceTreeChangeProcess.KEY;
    }

    @Override
    @Transactional(readOnly = true, noRollbackFor = {ApprovalRefusedException.class, PermissionDeniedException.class})
    public Optional<String> whyNot(String id, String step, String person) {
        Optional<ChangeEntry> entry = ledger.find(id).filter(e -> e.planJson() != null);
        if (entry.isEmpty()) {
            return Optional.of("no validated plan of change " + id + " is recorded");
        }
        try {
            approvals.requireMayDecide(entry.get(), step, person);
            return Optional.empty();
        } catch (ApprovalRefusedException | PermissionDeniedException refused) {
            return Optional.of(refused.getMessage());
        }
    }
}
