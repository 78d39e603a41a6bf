package io.tollgate.engine.deployment;

/**
 * Tollgate's own starts of a request's process (a ticket's, a tree change's): at the request, and anew after an admin
 * ended the one it had while it waited (ADR 0060). The guard of request processes lets no other start through: Cockpit's
 * restart of a finished instance sent finished tickets back to approval and overwrote what their record said, and a
 * start by hand after the engine's history of the first was deleted ran a rejected ticket.
 */
public final class RequestProcesses {

    private static final ThreadLocal<Boolean> STARTING = new ThreadLocal<>();

    private RequestProcesses() {
    }

    /** Runs {@code start}, which starts a request's process, as Tollgate's own start. */
    public static void start(Runnable start) {
        Boolean outer = STARTING.get();
        STARTING.set(Boolean.TRUE);
        try {
            start.run();
        } finally {
            if (outer == null) {
                STARTING.remove();
            } else {
                STARTING.set(outer);
            }
        }
    }

    /** Whether this thread is in {@link #start}. */
    public static boolean starting() {
        return Boolean.TRUE.equals(STARTING.get());
    }
}
