package io.tollgate.engine.tasklist;

import java.util.Collection;
import java.util.List;

/**
 * Several approvals decided at once, as the tasklist's "Approve selected" and {@code POST /api/v1/tasks/decisions}
 * offer them: each task by its own process's decision (a ticket's by {@code Tickets.decide}, a service-tree change's
 * by {@code ServiceTreeChangeRequests.decide}), so with every check a single decision has (the approval policy's four
 * eyes and eligibility, the task offered to the person, a rejection's comment), each in a transaction of its own. A
 * task that may not be decided is answered with why and leaves the others as they are; nothing is decided on behalf
 * of anyone but {@code username}.
 */
public interface BatchDecisions {

    /** The most tasks one batch decides: a reviewer's morning, not an unbounded loop. */
    int MAX_TASKS = 100;

    /** The longest comment a batch takes, in characters: a single decision's. */
    int MAX_COMMENT = io.tollgate.engine.approval.ApprovalPolicy.MAX_COMMENT;

    /**
     * Decides every task of {@code taskIds}, in their order, as {@code username}.
     *
     * @return one outcome per task, in the same order
     * @throws io.tollgate.engine.InvalidRequestException when the list is empty, longer than {@link #MAX_TASKS},
     *                                                    names a task twice or a blank id, or a rejection has no comment
     *                                                    (nothing is decided then)
     */
    List<BatchDecision> decideEach(List<String> taskIds, String username, Collection<String> groups, boolean approve,
                                   String comment);
}
