package io.tollgate.engine.ticket;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.Requests;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.springframework.stereotype.Component;

/** Who submitted each ticket, from {@code sql_ticket}. */
@Component
class TicketRequests implements Requests {

    private final TicketRepository tickets;

    TicketRequests(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @Override
    public String processKey() {
        return SqlTicketProcess.KEY;
    }

    @Override
    public Map<String, String> requesters(Collection<String> ids) {
        return tickets.findAllByTicketIdIn(Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(TicketEntry::ticketId, TicketEntry::submitter));
    }
}
