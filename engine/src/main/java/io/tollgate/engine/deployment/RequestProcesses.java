package io.tollgate.engine.deployment;

/**
 * Tollgate's own starts of a request's process anew (a ticket's, a tree change's), after an admin ended the one it had
 * while it waited (ADR 0060): the one rule the guard of request processes lets through. Any other start of a process
 * for a request that has had one (Cockpit's restart of a finished instance, a start with a request's id) is refused:
 * it sent finished tickets back to approval and overwrote what their record said.
 */
public final class RequestProcesses {

    private static final ThreadLocal<Boolean> ANEW = new ThreadLocal<>();

    private RequestProcesses() {
    }

    /** Runs {@code start}, which starts a request's process anew, as Tollgate's own restart. */
    public static void startAnew(Runnable start) {
        Boolean outer = ANEW.get();
        ANEW.set(Boolean.TRUE);
        try {
            start.run();
        } finally {
            if (outer == null) {
                ANEW.remove();
            } else {
                ANEW.set(outer);
            }
        }
    }

    /** Whether this thread is in {@link #startAnew}. */
    public static boolean startingAnew() {
        return Boolean.TRUE.equals(ANEW.get());
    }
}
