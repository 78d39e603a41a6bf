package io.tollgate.engine.tasklist;

/**
 * A user task was created, claimed or unclaimed (assigned, {@code assignee} null when unclaimed), completed or
 * deleted; published by {@link TaskEvents} once the change is committed, on this node or another one. {@code MISSED}
 * says that changes of other nodes may have been lost (this node was cut off from them): only its type is set, and a
 * subscriber re-reads whatever it shows.
 */
public record TaskChange(Type type, String taskId, String processKey, String businessKey, String assignee) {

    public enum Type { CREATED, ASSIGNED, COMPLETED, DELETED, MISSED }
}
