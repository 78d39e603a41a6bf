package io.tollgate.engine.tasklist;

/**
 * What became of one task of a batch ({@link BatchDecisions}).
 *
 * @param taskId      the task as the batch named it
 * @param processKey  its process ({@code sqlTicket}, {@code serviceTreeChange}), null when no open task has the id
 * @param businessKey the ticket or change it approves, null when no open task has the id
 * @param outcome     decided, or why not
 * @param reason      why not, for the person; null when decided
 */
public record BatchDecision(String taskId, String processKey, String businessKey, Outcome outcome, String reason) {

    /** Decided, or why not. */
    public enum Outcome {
        /** Approved or rejected as asked. */
        DECIDED,
        /** The approval policy or a permission refused this person (four eyes, not eligible): recorded as evidence. */
        REFUSED,
        /** Not an approval, not offered to this person, or no longer waiting for a decision. */
        NOT_ALLOWED,
        /** No open task has this id (decided meanwhile, withdrawn, or never there). */
        NOT_FOUND,
        /** Something failed while deciding it (logged); nothing of it was decided. Try it alone. */
        FAILED
    }

    public boolean decided() {
        return outcome == Outcome.DECIDED;
    }
}
