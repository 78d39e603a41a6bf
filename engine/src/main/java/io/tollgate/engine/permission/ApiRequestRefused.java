package io.tollgate.engine.permission;

/**
 * A REST request the permission matrix or the approval policy refused (403), published for the audit trail: who,
 * what they asked for, and why it was refused; {@code taskId}, when not null, the task refused among several that one
 * request named (a batch of decisions), so that the trail files it under that task's ticket or change.
 */
public record ApiRequestRefused(String actor, String method, String path, String reason, String source,
                                boolean approval, String taskId) {

    public ApiRequestRefused(String actor, String method, String path, String reason, String source,
                             boolean approval) {
        this(actor, method, path, reason, source, approval, null);
    }
}
