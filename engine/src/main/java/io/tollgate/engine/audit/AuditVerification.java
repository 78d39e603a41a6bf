package io.tollgate.engine.audit;

/**
 * What walking the chain found: how many sealed entries it checked, and the first broken link (the entry, its place
 * and what is wrong), or none; {@code unsealed} entries are not chained yet (normally for a second or so).
 */
public record AuditVerification(boolean intact, long checked, Long brokenEntryId, Long brokenSeq, String problem,
                                long unsealed, String headHash, int anchorsChecked) {

    public String describe() {
        return intact ? "The audit trail is intact: " + checked + " entries checked, head " + headHash
                + (anchorsChecked > 0 ? ", " + anchorsChecked + " anchors match" : "")
                + (unsealed > 0 ? "; " + unsealed + " not sealed yet" : "")
                : "The audit trail is broken at entry " + brokenEntryId + " (place " + brokenSeq + "): " + problem
                + "; " + checked + " entries before it are intact";
    }
}
