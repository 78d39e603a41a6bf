package io.tollgate.engine.servicetree;

import java.util.List;

import io.tollgate.integrations.servicetree.ChangePlan;

/**
 * A service-tree change as its page shows it to whoever may read it (issue 14): the change with its events (the
 * decisions among them), the validated plan approvers are shown, and who the approvals are offered to.
 *
 * @param change    the change as audited, with its events oldest first
 * @param plan      the validated plan (nodes before and after, diff, impact), or {@code null} when none was validated
 * @param approvers who the owners' approval is offered to ({@code user:x}, {@code group:y}), never the requester
 * @param sreToo    whether an SRE approves too (a critical change)
 */
public record ChangeDetails(ChangeRecord change, ChangePlan plan, List<String> approvers, boolean sreToo) {

    public ChangeDetails {
        approvers = List.copyOf(approvers);
    }
}
