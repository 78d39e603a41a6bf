package io.tollgate.engine.audit.internal;

import java.util.List;
import java.util.Locale;

import io.tollgate.engine.audit.AuditEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an entry is about, for filtering: the instance, database and environment of the ticket or instance it names
 * (read in the writer's transaction, so a ticket submitted in it is seen), and its outcome from its kind.
 */
@Component
public class AuditFacets {

    static final String OK = "ok";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";
    public static final List<String> OUTCOMES = List.of(OK, REFUSED, FAILED);

    private final JdbcTemplate jdbc;

    public AuditFacets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Facets(String instance, String database, String environment, String outcome) {
    }

    public Facets of(AuditEvent event) {
        String outcome = outcome(event.kind());
        if (event.subjectId() == null) {
            return new Facets(null, null, null, outcome);
        }
        if ("ticket".equals(event.subjectType())) {
            List<Facets> found = jdbc.query("SELECT t.instance_name, t.database_name, i.environment FROM sql_ticket t"
                            + " LEFT JOIN target_instance i ON i.name = t.instance_name WHERE t.ticket_id = ?",
                    (rs, n) -> new Facets(rs.getString(1), rs.getString(2), rs.getString(3), outcome),
                    event.subjectId());
            return found.isEmpty() ? new Facets(null, null, null, outcome) : found.get(0);
        }
        if ("instance".equals(event.subjectType())) {
            List<String> environment = jdbc.queryForList("SELECT environment FROM target_instance WHERE name = ?",
                    String.class, event.subjectId());
            return new Facets(event.subjectId(), null, environment.isEmpty() ? null : environment.get(0), outcome);
        }
        return new Facets(null, null, null, outcome);
    }

    /** Refused (by a person or a gate), failed, or done: from the words of the kind. */
    public static String outcome(String kind) {
        String k = kind == null ? "" : kind.toLowerCase(Locale.ROOT);
        if (k.contains("refused") || k.contains("rejected") || k.contains("forbidden") || k.contains("denied")) {
            return REFUSED;
        }
        if (k.contains("failed") || k.contains("conflict") || k.contains("expired") || k.contains("interrupted")) {
            return FAILED;
        }
        return OK;
    }
}
