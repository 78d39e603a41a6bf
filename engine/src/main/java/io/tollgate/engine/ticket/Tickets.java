package io.tollgate.engine.ticket;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What people do with SQL change tickets. Every method takes the acting user's name (and, where tasks are offered to
 * groups, their groups) and enforces who may act: only the submitter resubmits, withdraws, presses Execute or asks
 * for a rollback; nobody decides on their own ticket (four eyes, enforced again inside the engine for anyone
 * completing the task another way); only DBAs resolve failures.
 *
 * <p>Validation problems throw {@link InvalidTicketException} listing each; acting where one may not throws
 * {@link TicketNotAllowedException} (or, for approvals, {@link io.tollgate.engine.approval.ApprovalRefusedException}).
 */
public interface Tickets {

    /** The largest SQL a ticket may carry, in characters. */
    int MAX_SQL_CHARS = 5 * 1024 * 1024;

    /**
     * How many items of each per-statement list (findings, execution and rollback results, rollback SQL) a
     * {@link TicketRecord} carries at most (issue 13: bounded memory for any ticket); the rest are read a page at a
     * time ({@link #findings}, {@link #executionResults}, {@link #rollbackResults}, {@link #rollbackSql}).
     */
    int FIRST_ROWS = 200;

    /** The largest page of a ticket's per-statement lists one call returns. */
    int MAX_PAGE = 1000;

    /**
     * Submits a ticket as {@code submitter} and starts its process; the auto review runs right after (asynchronously).
     *
     * @return the new ticket
     * @throws InvalidTicketException when a field is missing or wrong, the instance is unknown or read-only, or the
     *                                scheduled time is missing or not in the future
     */
    TicketRecord submit(String submitter, TicketDraft draft);

    /**
     * Whom {@code submitter} may ask to review a ticket on {@code instance} ({@link TicketDraft#reviewer()}): the
     * people who could take its reviewer approval now, never the submitter; empty for an instance that is not
     * registered or has no reviewer group.
     */
    java.util.List<String> reviewersFor(String instance, String submitter);

    /**
     * {@link #submit}, answering only the new ticket's id: for a caller that reads the ticket later anyway (a
     * submission that waits for the review), so it is not read twice.
     */
    String submitId(String submitter, TicketDraft draft);

    /**
     * Replaces the SQL of a ticket that failed review and reviews it again; only its submitter may.
     *
     * @throws TicketNotAllowedException when {@code username} is not the submitter or the ticket is not waiting for
     *                                   a fix
     */
    void resubmit(String ticketId, String username, String sql);

    /** Withdraws a ticket as its submitter, any time before it starts executing. */
    void withdraw(String ticketId, String username);

    /** Presses Execute as the submitter of a MANUAL ticket that has been approved. */
    void execute(String ticketId, String username);

    /** Asks, as the submitter, to roll back an executed ticket; the rollback is approved like a ticket, then runs. */
    void requestRollback(String ticketId, String username, String reason);

    /**
     * Approves or rejects a ticket (or its rollback) as {@code username}, who must be offered the task. A rejection
     * needs a comment.
     *
     * @throws io.tollgate.engine.approval.ApprovalRefusedException when {@code username} submitted the ticket
     */
    void decide(String taskId, String username, Collection<String> groups, boolean approve, String comment);

    /**
     * {@link #decide} on the approval the ticket waits for (its reviewer's, DBA's or rollback approval), found by the
     * ticket instead of the task: the same checks, the same refusals. When a model waits on several approvals at
     * once, the one offered to {@code username}; more than one is refused (decide those by task).
     *
     * @throws TicketNotAllowedException when the ticket waits for no approval, or for several offered to this person
     */
    void decideOpenApproval(String ticketId, String username, Collection<String> groups, boolean approve,
                            String comment);

    /** Decides, as a DBA offered the task, what happens after a failed execution or rollback. */
    void resolve(String taskId, String username, Collection<String> groups, FailureResolution resolution,
                 String comment);

    /** Asks the running online schema change of the ticket to stop (DBAs); the execution then fails cleanly. */
    void abort(String ticketId, String username, Collection<String> groups);

    /**
     * Holds ({@code pause} true) or lets go on the running online schema change of the ticket (DBAs, as for an abort):
     * the copy waits before its next chunk, and goes on within a minute of being resumed. Pausing a paused copy, or
     * resuming one that runs, changes nothing.
     */
    void pauseCopy(String ticketId, String username, Collection<String> groups, boolean pause);

    /**
     * Gives the ticket's stuck step (one that ran out of retries, {@link TicketRecord#stuckStep()}) another try
     * (DBAs). Refused when no step of the ticket is stuck.
     */
    void retryStuckStep(String ticketId, String username);

    /** The ticket tasks offered to {@code username} or assigned to them, never approvals of their own tickets. */
    List<TicketTask> tasksFor(String username, Collection<String> groups);

    /** The open tasks of one ticket, whoever they are offered to. */
    List<TicketTask> openTasks(String ticketId);

    /**
     * The ticket, with the first {@link #FIRST_ROWS} of its findings (and the counts per rule and level), of its
     * statement results and of its rollback SQL.
     */
    Optional<TicketRecord> find(String ticketId);

    /**
     * {@link #find} without its rollback SQL's steps (their count is there): what the API answers with, where each
     * page of the steps is a recorded read of before-images of its own; one statement less a ticket read.
     */
    Optional<TicketRecord> findWithoutRollbackSteps(String ticketId);

    /** The ticket as a list row: small whatever the ticket's size. */
    Optional<TicketSummary> summary(String ticketId);

    /**
     * Every version of the ticket's SQL, oldest first: each a resubmission replaced, then the current one; empty for a
     * ticket not there.
     */
    java.util.List<SqlVersion> sqlVersions(String ticketId);

    /** The text of one version of the ticket's SQL ({@link #sqlVersions}' numbers); empty for none of that number. */
    Optional<String> sqlVersionText(String ticketId, int version);

    /** A page of the last execution's per-statement results, like {@link #findings}. */
    Optional<TicketPage<StatementResult>> executionResults(String ticketId, int offset, int limit);

    /** A page of the last rollback's per-statement results, like {@link #findings}. */
    Optional<TicketPage<StatementResult>> rollbackResults(String ticketId, int offset, int limit);

    /**
     * A page of the recorded rollback SQL in the order a rollback runs it, like {@link #findings}. It holds row
     * values (before-images): callers show it only to whoever may read them.
     */
    Optional<TicketPage<RollbackStep>> rollbackSql(String ticketId, int offset, int limit);

    /**
     * Records in the audit trail that {@code reader} read the ticket's rollback SQL, whose before-images are production
     * rows: {@code how} says where (the script downloaded over the API or from the page, its steps read over the API).
     * Called by whoever gave them out, after checking that the reader may.
     */
    void beforeImagesRead(String ticketId, String reader, String how);

    /**
     * Up to {@code limit} (at most {@link #MAX_PAGE}) of the ticket's review findings from {@code offset} (from 0), in
     * review order; empty when there is no such ticket.
     *
     * @throws InvalidTicketException when {@code offset} is negative or {@code limit} is not 1 to {@link #MAX_PAGE}
     */
    Optional<TicketPage<TicketFinding>> findings(String ticketId, int offset, int limit);

    /** Tickets matching the filter, newest first. */
    List<TicketSummary> list(TicketFilter filter);
}
