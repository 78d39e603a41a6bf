package io.tollgate.engine.review;

import java.util.List;

/**
 * The review of one statement of the script.
 *
 * @param index         0-based position of the statement in the script
 * @param line          1-based line where the statement starts in the reviewed text
 * @param column        1-based column where the statement starts
 * @param sql           the statement text (without its delimiter)
 * @param kind          what it is, e.g. CREATE_TABLE, ALTER_TABLE, UPDATE, UNPARSABLE
 * @param findings      rule violations, in rule order
 * @param rows          affected rows for DML when known, otherwise null
 * @param reversibility whether Tollgate can generate its rollback
 */
public record StatementReview(int index, int line, int column, String sql, String kind, List<Finding> findings,
                              RowEstimate rows, Reversibility reversibility) {

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.level() == RuleLevel.ERROR);
    }
}
