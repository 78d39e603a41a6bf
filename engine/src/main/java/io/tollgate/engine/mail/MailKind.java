package io.tollgate.engine.mail;

import java.util.List;

/**
 * The mails Tollgate sends, each with the template parameters it uses (missing ones render empty). Admins switch
 * kinds on or off in the outbox view.
 */
public enum MailKind {
    /** A user task waits for a person or a group's members. */
    TASK_CREATED("taskName", "title", "requester"),
    TICKET_APPROVED("ticketId", "title", "actor"),
    TICKET_REJECTED("ticketId", "title", "actor", "comment"),
    TICKET_EXECUTED("ticketId", "title"),
    TICKET_FAILED("ticketId", "title", "error"),
    TICKET_ROLLED_BACK("ticketId", "title", "actor"),
    /** Someone commented on a ticket the recipient is involved in (engine.discussion). */
    TICKET_COMMENTED("ticketId", "title", "author", "text"),
    TREE_CHANGE_APPROVED("changeId", "path", "actor"),
    TREE_CHANGE_REJECTED("changeId", "path", "actor", "comment"),
    TREE_CHANGE_APPLIED("changeId", "path"),
    TREE_CHANGE_CONFLICTED("changeId", "path"),
    /**
     * A step of a ticket's or a tree change's process ran out of retries (ADR 0052): {@code what} names the ticket or
     * change, {@code who} says who may retry it.
     */
    STEP_STUCK("what", "step", "error", "who"),
    /** A user task has waited long; sent to its candidates again. */
    APPROVAL_REMINDER("taskName", "title", "waitingSince");

    private final List<String> parameters;

    MailKind(String... parameters) {
        this.parameters = List.of(parameters);
    }

    /** The names of the template's parameters, e.g. {@code ticketId}. */
    public List<String> parameters() {
        return parameters;
    }
}
