package io.tollgate.engine.tasklist;

import java.util.Collection;
import java.util.List;

/**
 * The user tasks a person may work on, and claiming them. Four eyes: nobody is offered, or may claim, the approval of a
 * ticket they submitted or a service-tree change they requested (completing it is refused inside the engine too).
 */
public interface Tasklist {

    /**
     * Tasks assigned to {@code username}, then those offered to them by name or through any of {@code groups}: first
     * the unclaimed ones, then those someone else has claimed ({@link TaskSummary#canClaim()} false). Never approvals
     * of their own tickets or changes. Newest first within each part.
     */
    List<TaskSummary> tasksFor(String username, Collection<String> groups);

    /** How many tasks of {@link #tasksFor} the person can work on now: assigned to them, or claimable by them. */
    long countFor(String username, Collection<String> groups);

    /**
     * Claims the task for {@code username}; claiming one's own task again does nothing.
     *
     * @throws TaskClaimException when the task is gone, claimed by someone else, not offered to the person, or an
     *                            approval of their own ticket or change
     */
    void claim(String taskId, String username, Collection<String> groups);

    /**
     * Hands a claimed task back to the people it is offered to; unclaiming an unclaimed task does nothing.
     *
     * @throws TaskClaimException when the task is gone, {@code username} is neither its assignee nor an admin (group
     *                            {@code admin} in {@code groups}), or the process assigned it to one person
     */
    void unclaim(String taskId, String username, Collection<String> groups);

    /**
     * The people {@code username} may hand the task to with {@link #reassign}: the enabled people it is offered to
     * (by name or through a group), never the person whose request it approves nor its current assignee. Empty when
     * {@code username} may not reassign it.
     */
    List<String> reassignableTo(String taskId, String username, Collection<String> groups);

    /**
     * Hands the task to {@code toUser}: its claimant or an admin may, to an enabled person it is offered to, never to
     * the person whose request it approves (four eyes, as for claims).
     *
     * @throws TaskClaimException when the task is gone, {@code username} is neither its assignee nor an admin, the
     *                            process assigned it, or {@code toUser} is not offered it or requested it
     */
    void reassign(String taskId, String username, Collection<String> groups, String toUser);

    /** To whom the open task is offered (empty lists when it is gone or assigned by its process only). */
    TaskOffer offer(String taskId);
}
