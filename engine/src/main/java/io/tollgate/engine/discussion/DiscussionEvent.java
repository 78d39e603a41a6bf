package io.tollgate.engine.discussion;

import java.util.Locale;

/** What a discussion records in the audit trail, shown to people by its label ({@code engine.label.Labels}). */
public enum DiscussionEvent {
    /** Someone commented on a ticket (audit kind {@code ticket.commented}). */
    COMMENTED;

    /** The audit trail's kind for this event about a subject, e.g. {@code ticket.commented}. */
    public String auditKind(String subjectType) {
        return subjectType + "." + name().toLowerCase(Locale.ROOT);
    }
}
