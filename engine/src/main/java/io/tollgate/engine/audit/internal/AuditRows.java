package io.tollgate.engine.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.tollgate.engine.audit.AuditEntry;

/**
 * An entry's row in {@code audit_entry}: the columns read, in their order, and the {@link AuditEntry} a row makes.
 * Shared by the trail, its search and export, and the sealer.
 */
public final class AuditRows {

    public static final String COLUMNS = "id, occurred_at_micros, actor, actor_roles, source_address, kind,"
            + " subject_type, subject_id, summary, payload, seq, prev_hash, entry_hash, instance_name, database_name,"
            + " environment, outcome";

    private AuditRows() {
    }

    public static AuditEntry entry(ResultSet rs) throws SQLException {
        long micros = rs.getLong("occurred_at_micros");
        long seq = rs.getLong("seq");
        Long seqOrNull = rs.wasNull() ? null : seq;
        return new AuditEntry(rs.getLong("id"), Instant.EPOCH.plus(micros, ChronoUnit.MICROS), rs.getString("actor"),
                rs.getString("actor_roles"), rs.getString("source_address"), rs.getString("kind"),
                rs.getString("subject_type"), rs.getString("subject_id"), rs.getString("summary"),
                rs.getString("payload"), seqOrNull, rs.getString("prev_hash"), rs.getString("entry_hash"),
                rs.getString("instance_name"), rs.getString("database_name"), rs.getString("environment"),
                rs.getString("outcome"));
    }
}
