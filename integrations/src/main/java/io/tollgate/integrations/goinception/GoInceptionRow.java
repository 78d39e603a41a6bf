package io.tollgate.integrations.goinception;

/**
 * One row of goInception's answer to a check: one statement as goInception split it. The twelve columns of its
 * result set, in order.
 *
 * @param orderId      1-based statement number
 * @param stage        {@code NONE}, {@code CHECKED}, ...
 * @param errorLevel   0 passed, 1 warning, 2 error
 * @param stageStatus  e.g. {@code Audit Completed}
 * @param errorMessage the messages of the statement, one per line, or null
 * @param sql          the statement text as goInception split it
 * @param affectedRows goInception's estimate of the rows the statement touches
 */
public record GoInceptionRow(int orderId, String stage, int errorLevel, String stageStatus, String errorMessage,
                             String sql, long affectedRows, String sequence, String backupDbname, String executeTime,
                             String sqlsha1, String backupTime) {
}
