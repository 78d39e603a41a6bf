package io.tollgate.integrations.sandbox;

import java.time.Instant;

/**
 * Where the sandbox MariaDB stands, for people (the REST API, the log) and tests.
 *
 * @param state what it is doing now
 * @param attempt the attempt to start it under way or last made (0 before the first)
 * @param attempts how many attempts are made at most
 * @param lastFailure why the last failed attempt failed, or null
 * @param port its port once {@link State#READY}, else 0
 * @param since when it entered this state
 */
public record SandboxStatus(State state, int attempt, int attempts, String lastFailure, int port, Instant since) {

    public enum State {
        /** Tollgate has not started it (yet): the embedded default starts it once Tollgate is ready. */
        NOT_STARTED,
        /** An attempt is under way: stopping an orphaned server, unpacking, starting, seeding. */
        STARTING,
        /** An attempt failed; the next one starts after a pause. */
        WAITING_TO_RETRY,
        /** Up and seeded; announced as {@link SandboxReady}. */
        READY,
        /** Every attempt failed; Tollgate runs without the sandbox until it is started again. */
        FAILED,
        /** Stopped with Tollgate. */
        STOPPED
    }

    static SandboxStatus notStarted(int attempts) {
        return new SandboxStatus(State.NOT_STARTED, 0, attempts, null, 0, Instant.now());
    }

    SandboxStatus next(State state, int attempt, String lastFailure, int port) {
        return new SandboxStatus(state, attempt, attempts, lastFailure, port, Instant.now());
    }
}
