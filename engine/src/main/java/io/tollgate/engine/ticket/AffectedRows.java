package io.tollgate.engine.ticket;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * How many rows a ticket's statements change, as its last review found them, for the people who approve it: the
 * sum over the DML statements whose rows the review could tell, whether every one of them was counted
 * ({@code exact}: a COUNT(*) on a small table, a VALUES list) or some only estimated (EXPLAIN, which can be far off),
 * and how many DML statements it could not tell at all (their table does not exist yet, say). The approval routing
 * reads the same sum ({@code estimatedRows} of the {@code sqlTicketApproval} decision). A ticket without DML has none.
 *
 * @param rows                      the rows the estimated statements change in all, or null when none was estimated
 * @param exact                     every estimated statement was counted, none only estimated (false without any)
 * @param statementsWithoutEstimate DML statements (INSERT, REPLACE, UPDATE, DELETE) the review could not estimate
 */
public record AffectedRows(Long rows, boolean exact, int statementsWithoutEstimate) {

    public AffectedRows {
        if ((rows != null && rows < 0) || statementsWithoutEstimate < 0) {
            throw new IllegalArgumentException("affected rows and statements without an estimate are never negative");
        }
        if (rows == null && (exact || statementsWithoutEstimate == 0)) {
            throw new IllegalArgumentException("without an estimated statement, rows are neither exact nor known");
        }
    }

    /** The DML kinds a review estimates rows for; DDL, SET, USE and the rest change no rows a count can tell. */
    public static boolean changesRows(String statementKind) {
        return switch (statementKind == null ? "" : statementKind.toUpperCase(Locale.ROOT)) {
            case "INSERT", "REPLACE", "UPDATE", "DELETE" -> true;
            default -> false;
        };
    }

    /**
     * For people: "changes exactly 1 row", "changes an estimated 48,000 rows", with "(2 statements not estimated)"
     * when the review could not tell some, or "rows changed: not estimated (2 statements)" when it could tell none.
     */
    public String describe() {
        String without = statementsWithoutEstimate + (statementsWithoutEstimate == 1 ? " statement" : " statements");
        if (rows == null) {
            return "rows changed: not estimated (" + without + ")";
        }
        String count = NumberFormat.getIntegerInstance(Locale.ENGLISH).format(rows) + (rows == 1 ? " row" : " rows");
        String notEstimated = statementsWithoutEstimate == 0 ? "" : without + " not estimated";
        return (exact ? "changes exactly " : "changes an estimated ") + count
                + (notEstimated.isEmpty() ? "" : " (" + notEstimated + ")");
    }
}
