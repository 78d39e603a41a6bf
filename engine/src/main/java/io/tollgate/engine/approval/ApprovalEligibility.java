package io.tollgate.engine.approval;

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
}
