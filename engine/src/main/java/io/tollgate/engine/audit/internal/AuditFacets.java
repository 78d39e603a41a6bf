package io.tollgate.engine.audit.internal;

import java.util.List;
import java.util.Locale;

import io.tollgate.engine.audit.AuditEvent;
import org.springframework.stereotype.Component;

/**
 * What an entry is about, for filtering: the instance, database and environment of the ticket or instance it names
 * (read by the entry's insert in the writer's transaction, so a ticket submitted in it is seen), and its outcome from
 * its kind.
 */
@Component
public class AuditFacets {

    static final String OK = "ok";
    static final String REFUSED = "refused";
    static final String FAILED = "failed";
    public static final List<String> OUTCOMES = List.of(OK, REFUSED, FAILED);

    /**
     * How an entry's insert reads its facets in the same statement ({@code INSERT ... SELECT}, one round trip, not a
     * lookup and an insert): {@code columns}, the select expressions for the instance, database and environment (with
     * {@code columnArgs}), and {@code from}, what follows FROM (with {@code fromArgs}); one row whether or not the
     * subject is found.
     */
    public record Source(String columns, List<Object> columnArgs, String from, List<Object> fromArgs) {
    }

    private static final String ONE_ROW = "(SELECT 1 AS one) one";

    public Source of(AuditEvent event) {
        if (event.subjectId() != null && "ticket".equals(event.subjectType())) {
            return new Source("LEFT(t.instance_name, 100), LEFT(t.database_name, 64), i.environment", List.of(),
                    ONE_ROW + " LEFT JOIN sql_ticket t ON t.ticket_id = ?"
                            + " LEFT JOIN target_instance i ON i.name = t.instance_name",
                    List.of(event.subjectId()));
        }
        if (event.subjectId() != null && "instance".equals(event.subjectType())) {
            String name = event.subjectId();
            return new Source("?, NULL, i.environment", List.of(name.length() > 100 ? name.substring(0, 100) : name),
                    ONE_ROW + " LEFT JOIN target_instance i ON i.name = ?", List.of(name));
        }
        return new Source("NULL, NULL, NULL", List.of(), ONE_ROW, List.of());
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
