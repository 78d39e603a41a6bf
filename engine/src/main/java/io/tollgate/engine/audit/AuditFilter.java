package io.tollgate.engine.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.RequestTimes;
import io.tollgate.engine.audit.internal.AuditFacets;

/**
 * Which entries an auditor looks at: a time range ({@code from} inclusive, {@code to} exclusive), the actor, the kind
 * ({@code ticket} takes every {@code ticket.*}), the subject id, the instance, database and environment an entry is
 * about, its outcome ({@code ok}, {@code refused}, {@code failed}), and a free text found in the summary, the payload
 * (comments, reasons) or the SQL of the ticket it is about. Null or blank means "any". Built validated.
 */
public record AuditFilter(Instant from, Instant to, String actor, String kind, String subject, String instance,
                          String database, String environment, String outcome, String text) {

    /** The names of {@code review.Environment} (the trail may not depend on review, which records into it). */
    public static final java.util.List<String> ENVIRONMENTS = java.util.List.of("DEV", "TEST", "PROD");
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null, null, null, null, null);
    private static final Pattern KIND = Pattern.compile("[a-z0-9.-]{1,60}");

    public AuditFilter {
        actor = clean(actor, "actor", 200);
        kind = clean(kind, "kind", 60);
        subject = clean(subject, "subject", 200);
        instance = clean(instance, "instance", 100);
        database = clean(database, "database", 64);
        text = clean(text, "text", 200);
        environment = clean(environment, "environment", 10);
        outcome = clean(outcome, "outcome", 10);
        if (kind != null && !KIND.matcher(kind).matches()) {
            throw new InvalidRequestException("kind", "kind must be lower-case letters, digits, dots and dashes (like"
                    + " ticket.approved, or ticket for all ticket events), not '" + kind + "'");
        }
        if (environment != null) {
            String upper = environment.toUpperCase(Locale.ROOT);
            if (!ENVIRONMENTS.contains(upper)) {
                throw new InvalidRequestException("environment", "environment must be one of " + ENVIRONMENTS
                        + ", not '" + environment + "'");
            }
            environment = upper;
        }
        if (outcome != null) {
            outcome = outcome.toLowerCase(Locale.ROOT);
            if (!AuditFacets.OUTCOMES.contains(outcome)) {
                throw new InvalidRequestException("outcome", "outcome must be one of " + AuditFacets.OUTCOMES
                        + ", not '" + outcome + "'");
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from (" + from + ") must be before to (" + to + ")");
        }
    }

    /**
     * From request parameters: {@code from}/{@code to} as an instant ({@code 2026-12-01T10:00:00Z}) or a day
     * ({@code 2026-12-01}: from its start; to the end of that day, so {@code from=to=} a day is that day).
     */
    public static AuditFilter of(String from, String to, String actor, String kind, String subject, String instance,
                                 String database, String environment, String outcome, String text) {
        RequestTimes.requireOrdered(from, to);
        return new AuditFilter(RequestTimes.from(from, "from"), RequestTimes.until(to, "to"), actor, kind, subject, instance,
                database, environment, outcome, text);
    }

    public AuditFilter withText(String newText) {
        return new AuditFilter(from, to, actor, kind, subject, instance, database, environment, outcome, newText);
    }

    /** The filters that are set, by name, in a fixed order (for the export's first line and the trail). */
    public Map<String, String> described() {
        Map<String, String> set = new LinkedHashMap<>();
        put(set, "from", from == null ? null : from.toString());
        put(set, "to", to == null ? null : to.toString());
        put(set, "actor", actor);
        put(set, "kind", kind);
        put(set, "subject", subject);
        put(set, "instance", instance);
        put(set, "database", database);
        put(set, "environment", environment);
        put(set, "outcome", outcome);
        put(set, "text", text);
        return set;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String clean(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidRequestException(name + " must be at most " + max + " characters");
        }
        return v;
    }
}
