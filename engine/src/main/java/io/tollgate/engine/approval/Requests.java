package io.tollgate.engine.approval;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who asked for the tickets or changes of one process, from the feature's own rows (never from process variables). A
 * feature with approvals provides one; the {@link ApprovalPolicy} answers for all of them.
 */
public interface Requests {

    /** The key of the process whose instances' business keys are this feature's ids. */
    String processKey();

    /** The requester of each id that is known, by id. */
    Map<String, String> requesters(Collection<String> ids);

    /** The requester of one id, if known; a feature answers it more cheaply than a list when it can. */
    default Optional<String> requesterOf(String id) {
        return Optional.ofNullable(requesters(List.of(id)).get(id));
    }
}
