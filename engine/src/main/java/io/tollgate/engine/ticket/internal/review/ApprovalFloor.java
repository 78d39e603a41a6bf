package io.tollgate.engine.ticket.internal.review;

import java.util.Optional;

import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RiskLevel;

/**
 * What always needs a DBA's approval, whatever the deployed {@code sqlTicketApproval} decision answers (ADR 0059): a
 * process owner routes everything else, but cannot take the DBA out of a high-risk script or of DDL on production.
 * The shipped decision asks the same in its first two rules.
 */
final class ApprovalFloor {

    private ApprovalFloor() {
    }

    /** Why a review's outcome needs a DBA by Tollgate's floor, or empty when the decision alone routes it. */
    static Optional<String> dbaRequired(TicketReview.Outcome outcome) {
        if (RiskLevel.HIGH.name().equals(outcome.risk())) {
            return Optional.of("a high-risk script always needs a DBA's approval");
        }
        if (outcome.hasDdl() && Environment.PROD.name().equals(outcome.environment())) {
            return Optional.of("DDL on production always needs a DBA's approval");
        }
        return Optional.empty();
    }
}
