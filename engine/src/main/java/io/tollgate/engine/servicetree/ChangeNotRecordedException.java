package io.tollgate.engine.servicetree;

/**
 * A requested change could not be recorded: nothing was written, no process started, the tree is unchanged. The
 * message is for the person who asked (the UI shows it, {@code /api/v1} answers it); the cause is logged with the
 * change id.
 */
public class ChangeNotRecordedException extends RuntimeException {

    private final String changeId;
    private final boolean retryable;

    /**
     * @param why       what went wrong, in the person's words
     * @param retryable true when asking again later may succeed (ZooKeeper or the database unreachable)
     */
    public ChangeNotRecordedException(String changeId, String why, boolean retryable, Throwable cause) {
        super("change " + changeId + " was not recorded: " + why
                + (retryable ? ". Nothing was changed; try again in a moment." : ". Nothing was changed."), cause);
        this.changeId = changeId;
        this.retryable = retryable;
    }

    public String changeId() {
        return changeId;
    }

    public boolean retryable() {
        return retryable;
    }
}
