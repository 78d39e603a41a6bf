package io.tollgate.engine.approval;

import java.util.List;
import java.util.Optional;

/**
 * Whether a person's decision of a step of one of a feature's requests would count now, by the rules its decision use
 * case applies (its permission, then the {@link ApprovalPolicy} on the subject built from the feature's rows), so that
 * the tasklist offers an approval only to people who may decide it. A feature with approvals provides one. Not part of
 * {@link Requests}: the policy reads that port, and a feature answers this with the policy.
 */
public interface ApprovalEligibility {

    /** The key of the process whose instances' business keys are this feature's ids. */
    String processKey();

    /** Why {@code person} may not decide {@code step} of the request {@code id} now, or empty when they may. */
    Optional<String> whyNot(String id, String step, String person);

    /** A step of one of the feature's requests. */
    record Ask(String id, String step) {
    }

    /**
     * {@link #whyNot} for several steps and one person, in the order asked: for a list of approvals, where a feature
     * may read its rows once for all of them (by default, one {@link #whyNot} after the other).
     */
    default List<Optional<String>> whyNotEach(List<Ask> asks, String person) {
        return asks.stream().map(ask -> whyNot(ask.id(), ask.step(), person)).toList();
    }
}
