package io.tollgate.engine.servicetree.internal.approval;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.approval.ApprovalRefusedException.Reason;
import io.tollgate.engine.approval.ApprovalSubject;
import io.tollgate.engine.approval.ApprovalTasks;
import io.tollgate.engine.approval.RecordedDecision;
import io.tollgate.engine.approval.RequiredApproval;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.servicetree.internal.journal.Approvers;
import io.tollgate.engine.servicetree.internal.journal.ChangeEntry;
import io.tollgate.engine.servicetree.internal.journal.ChangeJson;
import io.tollgate.integrations.servicetree.ChangePlan;
import io.tollgate.processes.ApprovalSteps;
import org.springframework.stereotype.Component;

/**
 * A service-tree change's approvals as the {@link ApprovalPolicy} sees them, built from the change's row only (its
 * requester, its validated plan and that plan's hash, whether it is critical), never from process variables; who may
 * decide at all ({@link Permission#DECIDE_TREE_CHANGES}: never an auditor, not even one named an owner), then who may
 * decide this step (the policy); and the gate before a plan is applied.
 */
@Component
public class ChangeApprovals {

    static final String OWNER = ApprovalSteps.OWNER;
    static final String SRE = ApprovalSteps.SRE;
    private static final Set<String> STEPS = Set.of(OWNER, SRE);

    private final ApprovalPolicy policy;
    private final Permissions permissions;

    ChangeApprovals(ApprovalPolicy policy, Permissions permissions) {
        this.policy = policy;
        this.permissions = permissions;
    }

    /** Whether the person may decide service-tree changes at all (the matrix; the policy narrows it per change). */
    public boolean mayDecideAny(String person) {
        return permissions.allows(person, Permission.DECIDE_TREE_CHANGES);
    }

    /** Refuses unless the person may decide this step of the change now: the permission, then the approval policy. */
    public void requireMayDecide(ChangeEntry entry, String step, String person) {
        permissions.require(person, Permission.DECIDE_TREE_CHANGES);
        policy.requireMayDecide(subject(entry), step, person);
    }

    /** Records a decision after {@link #requireMayDecide}'s checks, in the caller's transaction. */
    RecordedDecision decide(ChangeEntry entry, String step, String person, boolean approved, String comment) {
        permissions.require(person, Permission.DECIDE_TREE_CHANGES);
        return policy.decide(subject(entry), step, person, approved, comment);
    }

    /** The change's approval step a task gives (its model's {@code tollgate.approvalStep}), or a refusal. */
    public static String requireStep(java.util.Optional<String> step, String taskName, String changeId) {
        return ApprovalTasks.requireStep(step, STEPS, taskName, "change " + changeId);
    }

    /** Who the owner approval is offered to: the plan's owners but the requester, else the SRE group. */
    public static Approvers approvers(ChangeEntry entry) {
        return Approvers.of(entry.approvers(), entry.requester());
    }

    /** The owners' approval, and an SRE's too when the change is critical, each by another person. */
    public ApprovalSubject subject(ChangeEntry entry) {
        Approvers approvers = approvers(entry);
        List<RequiredApproval> required = new ArrayList<>();
        required.add(new RequiredApproval(OWNER, Set.copyOf(approvers.groups()), Set.copyOf(approvers.users())));
        if (entry.critical()) {
            required.add(RequiredApproval.ofGroups(SRE, Role.SRE.groupId()));
        }
        return new ApprovalSubject(ApprovalSubject.TREE_CHANGE, entry.changeId(), entry.validationRound(),
                entry.requester(), entry.planHash() == null ? "" : entry.planHash(), required);
    }

    /**
     * The plan to apply: the validated plan in the change's row, refused unless it is unaltered since its validation
     * and every approval it needs is recorded for it.
     */
    public ChangePlan requireApplicable(ChangeEntry entry) {
        if (entry.planJson() == null || entry.planHash() == null) {
            throw refused(entry, "no validated plan is recorded");
        }
        if (!entry.planHash().equals(ApprovalPolicy.hash(entry.planJson()))) {
            throw refused(entry, "its plan is not the plan that was validated and approved");
        }
        policy.requireApproved(subject(entry));
        ChangePlan plan = ChangeJson.plan(entry.planJson());
        if (!plan.changeId().equals(entry.changeId())) {
            throw refused(entry, "its plan belongs to change " + plan.changeId());
        }
        return plan;
    }

    private static ApprovalRefusedException refused(ChangeEntry entry, String why) {
        return new ApprovalRefusedException(Reason.NOT_APPROVED, "change " + entry.changeId() + ": " + why);
    }
}
