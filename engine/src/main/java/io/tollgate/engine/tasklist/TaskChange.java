package io.tollgate.engine.tasklist;

/**
 * A user task was created, claimed or unclaimed (assigned, {@code assignee} null when unclaimed), completed or
 * deleted; published by {@link TaskEvents} once the change is committed.
 */
public record TaskChange(Type type, String taskId, String processKey, String businessKey, String assignee) {

    public enum Type { CREATED, ASSIGNED, COMPLETED, DELETED }
}
