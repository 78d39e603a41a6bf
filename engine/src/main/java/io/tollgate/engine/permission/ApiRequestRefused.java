package io.tollgate.engine.permission;

/**
 * A REST request the permission matrix or the approval policy refused (403), published for the audit trail: who,
 * what they asked for, and why it was refused.
 */
public record ApiRequestRefused(String actor, String method, String path, String reason, String source,
                                boolean approval) {
}
