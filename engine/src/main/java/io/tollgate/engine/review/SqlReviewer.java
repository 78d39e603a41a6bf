package io.tollgate.engine.review;

/**
 * Reviews a SQL script. Implementations never throw for bad input: unparsable text, garbage or an
 * oversized script come back as findings (or a refused result), and reading the target never changes it.
 */
public interface SqlReviewer {

    ReviewResult review(ReviewRequest request);
}
