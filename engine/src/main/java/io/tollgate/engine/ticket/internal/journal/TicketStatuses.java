package io.tollgate.engine.ticket.internal.journal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.cluster.StatusWatch;
import io.tollgate.engine.ticket.TicketStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How {@link TicketWatch} reads tickets' statuses. A status is read once per waiter and per wake-up, outside any
 * transaction, so in one plain statement: through the repository it was a read-only transaction of its own (three
 * more round trips) and a JPA query.
 */
@Component
public class TicketStatuses implements StatusWatch.Statuses<TicketStatus> {

    private final JdbcTemplate jdbc;
    private final TicketRepository tickets;

    TicketStatuses(JdbcTemplate jdbc, TicketRepository tickets) {
        this.jdbc = jdbc;
        this.tickets = tickets;
    }

    @Override
    public Optional<TicketStatus> statusOf(String id) {
        return Optional.ofNullable(jdbc.query("SELECT status FROM sql_ticket WHERE ticket_id = ?",
                rs -> rs.next() ? TicketStatus.valueOf(rs.getString(1)) : null, id));
    }

    /** The safety sweep's batch read (rare: it follows other nodes' changes when a signal was missed). */
    @Override
    public Map<String, TicketStatus> statusesOf(List<String> ids) {
        Map<String, TicketStatus> statuses = new HashMap<>();
        for (TicketRepository.StatusOf row : tickets.statusesOf(ids)) {
            statuses.put(row.getTicketId(), row.getStatus());
        }
        return statuses;
    }
}
