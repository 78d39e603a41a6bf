package io.tollgate.engine.ticket.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.Requests;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.springframework.stereotype.Component;

/** Who submitted each ticket, from {@code sql_ticket}. */
@Component
public class TicketRequests implements Requests {

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
        // list rows, not whole tickets: a task list names many tickets, each of any size
        return tickets.summariesOf(Set.copyOf(ids)).stream()
                .collect(Collectors.toMap(TicketSummary::id, TicketSummary::submitter));
    }

    @Override
    public Optional<String> requesterOf(String id) {
        // one column by key: a query whose plan Hibernate keeps (an IN list is translated anew for each call)
        return tickets.submitterOf(id);
    }
}
