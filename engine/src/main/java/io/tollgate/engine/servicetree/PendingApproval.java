package io.tollgate.engine.servicetree;

import java.time.Instant;

import io.tollgate.integrations.servicetree.ChangePlan;

/**
 * An approval waiting for a decision.
 *
 * @param taskId     what {@link ServiceTreeChangeRequests#decide} takes
 * @param step       {@link Step#OWNER} or {@link Step#SRE}
 * @param offeredAt  when the task was created
 * @param plan       what the approvers decide on: before and after, diff, impact, reason and requester
 */
public record PendingApproval(String taskId, Step step, Instant offeredAt, ChangePlan plan) {

    public enum Step { OWNER, SRE }

    public String changeId() {
        return plan.changeId();
    }

    public String requester() {
        return plan.change().meta().requester();
    }
}
