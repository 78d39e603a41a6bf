package io.tollgate.engine.review;

/**
 * What to review.
 *
 * @param sql         the script, as pasted or uploaded
 * @param target      the instance to check against, or null to review the text alone (no existence checks, no row estimates)
 * @param database    the default database of the script (a {@code USE} inside the script changes it); without one
 *                    (and without USE or qualified names) existence checks and row estimates are skipped
 * @param environment the environment the script is meant for; decides rule levels and risk (null means PROD, the strictest)
 */
public record ReviewRequest(String sql, TargetCoordinates target, String database, Environment environment) {

    /** What a database name may be, for a ticket and for a review: a plain name. */
    public static final java.util.regex.Pattern DATABASE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9_$]{1,64}");
    /** Why a database name is not one, for people. */
    public static final String DATABASE_NAME_RULE = "a plain name (letters, digits, _ and $, at most 64)";

    public ReviewRequest {
        sql = sql == null ? "" : sql;
        environment = environment == null ? Environment.PROD : environment;
    }

    /** A review of the text alone, without a target. */
    public static ReviewRequest ofText(String sql, Environment environment) {
        return new ReviewRequest(sql, null, null, environment);
    }
}
