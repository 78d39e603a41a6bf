package io.tollgate.engine.review;

/**
 * How many rows a statement touches.
 *
 * @param rows   the number of rows
 * @param kind   ESTIMATE (from EXPLAIN, may be far off) or EXACT (counted, or known from the statement itself)
 * @param source how it was obtained, for people: "EXPLAIN", "COUNT(*)", "VALUES list"
 */
public record RowEstimate(long rows, Kind kind, String source) {

    public enum Kind {
        ESTIMATE, EXACT
    }

    public static RowEstimate estimate(long rows, String source) {
        return new RowEstimate(rows, Kind.ESTIMATE, source);
    }

    public static RowEstimate exact(long rows, String source) {
        return new RowEstimate(rows, Kind.EXACT, source);
    }
}
