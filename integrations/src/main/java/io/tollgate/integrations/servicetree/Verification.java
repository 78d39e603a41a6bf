package io.tollgate.integrations.servicetree;

import java.time.Instant;
import java.util.List;

/**
 * The tree read back after an apply, for the audit record.
 *
 * @param changeId    the change
 * @param before      the changed nodes before, as validated
 * @param after       the changed nodes as read now (a deleted node is absent)
 * @param versions    the current data versions of the changed nodes' znodes ({@code -1} when deleted)
 * @param matchesPlan whether what was read is what the plan said it would be
 * @param verifiedAt  when it was read
 */
public record Verification(
        String changeId,
        List<NodeView> before,
        List<NodeView> after,
        List<ZnodeVersion> versions,
        boolean matchesPlan,
        Instant verifiedAt) {
}
