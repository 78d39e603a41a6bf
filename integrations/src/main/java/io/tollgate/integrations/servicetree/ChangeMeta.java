package io.tollgate.integrations.servicetree;

import java.util.Objects;

/**
 * Who asks for a change and why.
 *
 * @param changeId  the idempotency key: a change with the same id is applied at most once; letters, digits and
 *                  {@code . _ : -} only (it names a znode)
 * @param requester the requesting user's id (without the {@code user:} prefix); never one of its approvers
 * @param reason    shown to the approvers
 */
public record ChangeMeta(String changeId, String requester, String reason) {

    public ChangeMeta {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(requester, "requester");
        reason = reason == null ? "" : reason;
    }
}
