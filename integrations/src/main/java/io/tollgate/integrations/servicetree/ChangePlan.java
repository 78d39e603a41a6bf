package io.tollgate.integrations.servicetree;

import java.util.List;

/**
 * The snapshot a validation takes of a change: what the approvers see and what {@link ServiceTreeChanges#apply}
 * executes. Serializable to JSON as it is.
 *
 * @param change     the requested change
 * @param violations rule violations in plain words; a plan with any cannot be applied
 * @param before     the changed nodes as they are (empty for a create)
 * @param after      the changed nodes as they will be (empty for a delete)
 * @param diff       a unified diff of before and after, one readable line per property
 * @param reads      the version of every node znode the validation relied on: the node, its ancestors and, for a
 *                   move, the destination and its ancestors; apply fails with a conflict if any has changed
 * @param approvers  owners of the node and its ancestors, nearest first, without the requester (for a move, the
 *                   moved node's: the destination's owners never approve taking a node from its owners)
 * @param critical   a delete, a move across product lines or into a part of the tree with owners the node's chain
 *                   does not have, or a change at the root or a product line
 * @param impact     the servers and URLs in the affected subtree
 */
public record ChangePlan(
        ServiceTreeChange change,
        List<String> violations,
        List<NodeView> before,
        List<NodeView> after,
        String diff,
        List<ZnodeVersion> reads,
        List<String> approvers,
        boolean critical,
        Impact impact) {

    public ChangePlan {
        violations = List.copyOf(violations);
        before = List.copyOf(before);
        after = List.copyOf(after);
        reads = List.copyOf(reads);
        approvers = List.copyOf(approvers);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    public String changeId() {
        return change.meta().changeId();
    }
}
