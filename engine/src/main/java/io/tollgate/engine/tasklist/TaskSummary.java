package io.tollgate.engine.tasklist;

import java.time.Instant;

/**
 * One user task as a tasklist row, as seen by the person the list is for.
 *
 * @param businessKey the ticket id ({@code sqlTicket}) or change id ({@code serviceTreeChange}) of the task's process
 * @param assignee    who claimed it (or the process assigned it to), null while unclaimed
 * @param subject     what the task is about in a few words: the ticket's title, or the change's reason
 * @param changeKind  a service-tree change's kind ({@code setAttributes}, ...), for a label in the reader's language;
 *                    null for other tasks
 * @param requester   who submitted the ticket or requested the change, if the process records it
 * @param due         when the work is due: the task's own due date, else when a scheduled ticket executes, else when a
 *                    service-tree change's approval expires; null when nothing sets one
 * @param risk        the ticket's review risk ({@code LOW}, {@code MODERATE}, {@code HIGH}) once reviewed, else null
 * @param canClaim    unclaimed and offered to this person, and not an approval of their own request
 * @param canUnclaim  claimed by this person from a group or candidate offer (tasks the process assigns cannot be
 *                    handed back)
 * @param instance    the ticket's target instance, null for other processes
 * @param environment the ticket's instance's environment ({@code DEV}, {@code TEST}, {@code PROD}), else null
 * @param estimatedRows the rows the ticket's DML changes as its review counted or estimated them (the routing's
 *                    input), once reviewed; null for other processes
 * @param approval    an approval of a ticket or a service-tree change (so one of {@link BatchDecisions}' tasks)
 */
public record TaskSummary(String id, String name, String processKey, String processName, String businessKey,
                          String assignee, Instant created, Instant due, String subject, String changeKind,
                          String requester,
                          String risk, boolean canClaim, boolean canUnclaim, String instance,
                          String environment, Long estimatedRows, boolean approval) {
}
