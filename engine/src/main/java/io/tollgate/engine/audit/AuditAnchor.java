package io.tollgate.engine.audit;

import java.time.LocalDate;

/**
 * The chain's head at a moment: the place and hash of its last entry. Tollgate keeps one per day (the head at the
 * end of the day, UTC); an auditor keeps them elsewhere (they come with every export) and can give one back to the
 * verification, which then finds a chain cut short or rewritten since. {@code day} is null for a given anchor.
 */
public record AuditAnchor(LocalDate day, long seq, String hash) {

    String describe() {
        return day == null ? "the given anchor (place " + seq + ")" : "the anchor of " + day;
    }
}
