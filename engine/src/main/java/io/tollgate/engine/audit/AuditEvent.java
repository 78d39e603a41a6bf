package io.tollgate.engine.audit;

import java.util.Map;

/**
 * Something that matters, for the trail: its kind ({@code ticket.approved}, {@code sign-in.failed},
 * {@code deployment.refused}), who did it, what it is about, a sentence, and a structured payload (JSON).
 *
 * @param actor   a person's name, or {@code system}
 * @param payload anything structured worth keeping (written as JSON); may be empty
 */
public record AuditEvent(String kind, String actor, String subjectType, String subjectId, String summary,
                         Map<String, Object> payload) {

    public AuditEvent {
        payload = payload == null ? Map.of() : Map.copyOf(payload);
    }
}
