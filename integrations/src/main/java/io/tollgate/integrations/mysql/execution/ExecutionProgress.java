package io.tollgate.integrations.mysql.execution;

/**
 * What an execution run tells its caller while it runs, and how the caller holds or stops a long statement: an online
 * schema change (pt-online-schema-change) reports its copy progress and checks {@link #pauseRequested()} and
 * {@link #abortRequested()} while it copies; a paused copy waits between chunks (the tool's triggers keep the copy
 * current meanwhile); an aborted statement fails cleanly (the original table untouched) and the run stops there.
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

    /**
     * A rollback has undone (or found undone by an earlier run) {@code undone} of the {@code total} statements it
     * undoes, after each of them.
     */
    default void rolledBack(int undone, int total) {
    }

    /** The online schema change of statement {@code index} has copied {@code percent} (0–100) of the table. */
    default void progress(int index, double percent) {
    }

    /**
     * Polled before each statement a run makes (from the first it runs) and while a long statement runs; true stops
     * the run: nothing of the statement it stops before runs.
     */
    default boolean abortRequested() {
        return false;
    }

    /**
     * Polled while an online schema change copies; true holds the copy before its next chunk, false lets it go on
     * (pt-online-schema-change looks again once a minute, so a resumed copy goes on within a minute).
     */
    default boolean pauseRequested() {
        return false;
    }

    /**
     * The online schema change of statement {@code index} now waits ({@code true}: the tool said so) or may go on
     * ({@code false}: the pause was lifted). Called on each change only.
     */
    default void paused(int index, boolean paused) {
    }
}
