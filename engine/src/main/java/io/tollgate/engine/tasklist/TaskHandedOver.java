package io.tollgate.engine.tasklist;

/**
 * A task claimed, handed back or handed on in the tasklist, published for the audit trail: who held an approval,
 * from when, and who gave it to whom.
 *
 * @param actor       who did it
 * @param subjectType what the task's process is about: {@code ticket}, {@code tree-change}, or
 *                    {@code process-instance} for a process Tollgate does not know
 * @param subjectId   the ticket's or change's id (the process's business key), else the process instance's id
 * @param from        who held the task before (null when nobody did)
 * @param to          who holds it after (null when nobody does)
 */
public record TaskHandedOver(Kind kind, String actor, String taskId, String taskName, String subjectType,
                             String subjectId, String from, String to) {

    public enum Kind {
        CLAIMED, UNCLAIMED, HANDED_ON
    }
}
