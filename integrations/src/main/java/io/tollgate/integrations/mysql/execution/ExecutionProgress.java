package io.tollgate.integrations.mysql.execution;

/**
 * What an execution run tells its caller while it runs, and how the caller stops a long statement: an online schema
 * change (pt-online-schema-change) reports its copy progress and checks {@link #abortRequested()} while it copies;
 * an aborted statement fails cleanly (the original table untouched) and the run stops there.
 */
public interface ExecutionProgress {

    /** Reports nothing and never aborts. */
    ExecutionProgress NONE = new ExecutionProgress() {
    };

    /**
     * The run has read the ledger and starts at statement {@code firstToRun} (from 1) of {@code total}: 1 for a first
     * run, later for a run that resumes after an earlier one stopped (a crash, a lost connection), {@code total + 1}
     * when every statement was already done. Called once per run, before any statement.
     */
    default void runStarts(int firstToRun, int total) {
    }

    /** Statement {@code index} (from 1) starts. */
    default void statementStarted(int index) {
    }

    /** The online schema change of statement {@code index} has copied {@code percent} (0–100) of the table. */
    default void progress(int index, double percent) {
    }

    /** Polled while a long statement runs; true stops it. */
    default boolean abortRequested() {
        return false;
    }
}
