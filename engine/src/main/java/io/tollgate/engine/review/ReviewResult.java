package io.tollgate.engine.review;

import java.util.List;

/**
 * The outcome of a review.
 *
 * @param refused    true when the script was not reviewed at all (too large, empty); {@code message} says why
 * @param message    a summary for people, e.g. "3 statements, 1 error, 2 warnings" or the reason for refusing
 * @param statements one entry per statement, in script order
 * @param risk       the ticket's risk level
 * @param errors     number of ERROR findings
 * @param warnings   number of WARNING findings
 */
public record ReviewResult(boolean refused, String message, List<StatementReview> statements, RiskLevel risk,
                           int errors, int warnings) {

    public static ReviewResult refused(String message) {
        return new ReviewResult(true, message, List.of(), RiskLevel.HIGH, 1, 0);
    }

    public boolean passed() {
        return !refused && errors == 0;
    }
}
