package io.tollgate.engine.ticket.internal.journal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tollgate.engine.ticket.SqlVersion;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SQL each resubmission replaced (table {@code sql_ticket_sql_version}), kept for auditors: the trail names each
 * step's SQL by its hash, and here is the text of every hash a ticket had. Written in the resubmission's transaction;
 * never updated.
 */
@Component
public class TicketSqlVersions {

    private final JdbcTemplate jdbc;

    TicketSqlVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the ticket's SQL as it is now, which a resubmission by {@code by} is about to replace. */
    void replaced(TicketEntry ticket, String by, Instant at) {
        Integer kept = jdbc.queryForObject("select count(*) from sql_ticket_sql_version where ticket_id = ?",
                Integer.class, ticket.ticketId());
        jdbc.update("insert into sql_ticket_sql_version (ticket_id, version, sql_text, sql_hash, statement_count,"
                + " replaced_by, replaced_at) values (?, ?, ?, ?, ?, ?, ?)", ticket.ticketId(), kept + 1,
                ticket.sql(), ticket.sqlHash(), ticket.statementCount(), by, Timestamp.from(at));
    }

    /** Every version of the ticket's SQL, oldest first, the current one last; empty for a ticket not there. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public List<SqlVersion> versions(Optional<TicketEntry> ticket) {
        if (ticket.isEmpty()) {
            return List.of();
        }
        List<SqlVersion> versions = new ArrayList<>(jdbc.query("select version, sql_hash, statement_count,"
                        + " replaced_by, replaced_at from sql_ticket_sql_version where ticket_id = ? order by version",
                (rs, n) -> new SqlVersion(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), false), ticket.get().ticketId()));
        versions.add(new SqlVersion(versions.size() + 1, ticket.get().sqlHash(), ticket.get().statementCount(), null,
                null, true));
        return versions;
    }

    /** The text of one version ({@link #versions}' numbers), the current one's from the ticket's row. */
    @Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
    public Optional<String> text(Optional<TicketEntry> ticket, int version) {
        if (ticket.isEmpty() || version < 1) {
            return Optional.empty();
        }
        List<String> kept = jdbc.queryForList("select sql_text from sql_ticket_sql_version where ticket_id = ?"
                + " and version = ?", String.class, ticket.get().ticketId(), version);
        if (!kept.isEmpty()) {
            return Optional.of(kept.get(0));
        }
        Integer count = jdbc.queryForObject("select count(*) from sql_ticket_sql_version where ticket_id = ?",
                Integer.class, ticket.get().ticketId());
        return version == count + 1 ? Optional.of(ticket.get().sql()) : Optional.empty();
    }
}
