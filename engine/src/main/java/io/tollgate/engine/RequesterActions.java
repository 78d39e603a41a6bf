package io.tollgate.engine;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * A requester's own action on their request (a withdrawal), told apart from an admin's move of the request's process
 * to the same step in the engine (Cockpit's "modify", or an admin completing the requester's task there): the step
 * records the requester as its actor only when the requester's use case runs it. A helper's admin cancelled a
 * ticket's steps and started its withdrawal in Cockpit; the trail and the audit said the submitter withdrew it.
 */
public final class RequesterActions {

    private static final ThreadLocal<String> ACTING = new ThreadLocal<>();

    private RequesterActions() {
    }

    /** Runs {@code action}, the requester's own on request {@code requestId}. */
    public static void run(String requestId, Runnable action) {
        String outer = ACTING.get();
        ACTING.set(requestId);
        try {
            action.run();
        } finally {
            if (outer == null) {
                ACTING.remove();
            } else {
                ACTING.set(outer);
            }
        }
    }

    /** Whether the requester of {@code requestId} is acting on it on this thread ({@link #run}). */
    public static boolean acting(String requestId) {
        return requestId != null && requestId.equals(ACTING.get());
    }

    /**
     * Who moved the process when its requester did not: the engine's signed-in user (an admin in Cockpit, or over the
     * engine's REST API), or null when nobody is (a job, a model's own step).
     */
    public static String engineActor(DelegateExecution execution) {
        Authentication signedIn = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return signedIn == null ? null : signedIn.getUserId();
    }
}
