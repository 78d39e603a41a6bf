package io.tollgate.engine.servicetree;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.tollgate.integrations.servicetree.ChangeMeta;
import io.tollgate.integrations.servicetree.ServiceTreeChange;

/**
 * What people do with service-tree changes: request one, work their pending approvals, withdraw their own, resolve a
 * conflict, and read the history of a node. Every method takes the acting user's name and enforces who may act:
 * nobody decides on a change they requested (four eyes).
 */
public interface ServiceTreeChangeRequests {

    /** A fresh {@link ChangeMeta} (with a new change id) for a change {@code requester} is about to request. */
    static ChangeMeta newChange(String requester, String reason) {
        return new ChangeMeta("stc-" + UUID.randomUUID(), requester, reason);
    }

    /**
     * Requests a change as {@code change.meta().requester()}. It is validated at once: an invalid change is refused
     * with its violations and goes no further; a valid one waits for its approvers.
     */
    RequestOutcome request(ServiceTreeChange change);

    /**
     * Approvals offered to {@code username} (directly or through one of {@code groups}) that they may decide, never
     * their own changes; newest first, the newest {@link #MAX_LISTED}.
     */
    List<PendingApproval> pendingApprovals(String username, Collection<String> groups);

    /**
     * Approves or rejects as {@code username}, who must be offered the task.
     *
     * @throws io.tollgate.engine.approval.ApprovalRefusedException when {@code username} requested the change
     * @throws NotAllowedException        when the task is not offered to {@code username} or is gone
     */
    void decide(String taskId, String username, Collection<String> groups, boolean approve, String comment);

    /**
     * Withdraws a change as its requester, while it waits for approvals or for a conflict resolution.
     *
     * @throws NotAllowedException when {@code username} is not the requester or the change can no longer be withdrawn
     */
    void withdraw(String changeId, String username);

    /**
     * Resolves an apply conflict as the requester: validate again against the fresh tree (the approvers see it again)
     * or withdraw it.
     *
     * @return the outcome of the new validation (or of the withdrawal)
     * @throws NotAllowedException when {@code username} is not the requester or no conflict is pending
     */
    RequestOutcome resolveConflict(String changeId, String username, boolean revalidate);

    /**
     * Gives the change's stuck step (one out of retries, {@link ChangeRecord#stuckStep()}) another try (SREs).
     *
     * @throws NotAllowedException when no step of the change is stuck
     */
    void retryStuckStep(String changeId, String username);

    Optional<ChangeRecord> find(String changeId);

    /**
     * Whether the person may read service-tree changes one by one (the request, the plan, approvers, decisions and
     * timeline): as they read the tree's audits, or all history.
     */
    boolean mayRead(String reader);

    /**
     * The change as its page shows it, read as {@code reader}; empty for no such change.
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException unless {@link #mayRead}
     */
    Optional<ChangeDetails> read(String reader, String changeId);

    /**
     * The most changes {@link #historyOf}, {@link #requestedBy} and {@link #pendingApprovals} answer with: each holds
     * its plan (the first two also the node before and after; each up to megabytes for a large change), and a busy
     * node, requester or SRE group gathers thousands; {@link #list} finds older ones.
     */
    int MAX_LISTED = 200;

    /**
     * Changes about the node (or, for a create, the node created), newest first, with their events; the latest
     * {@link #MAX_LISTED}.
     */
    List<ChangeRecord> historyOf(long nodeId);

    /** Changes {@code username} requested, newest first; the latest {@link #MAX_LISTED}. */
    List<ChangeRecord> requestedBy(String username);

    /**
     * The changes that match, newest first, read as {@code reader}: anyone who may request changes lists their own
     * ({@code filter.requester()} is the reader); everything else needs {@link #mayRead}.
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException otherwise
     */
    List<ChangeRecord> list(String reader, ChangeFilter filter);
}
