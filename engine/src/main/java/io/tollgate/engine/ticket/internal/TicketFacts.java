package io.tollgate.engine.ticket.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.approval.RequestFacts;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Each ticket's tasklist facts from {@code sql_ticket}, its instance's environment from the instance registry. */
@Component
class TicketFacts implements RequestFacts {

    private final TicketRepository tickets;
    private final TargetInstances instances;

    TicketFacts(TicketRepository tickets, TargetInstances instances) {
        this.tickets = tickets;
        this.instances = instances;
    }

    @Override
    public String processKey() {
        return SqlTicketProcess.KEY;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, Facts> of(Collection<String> ids) {
        Map<String, Facts> facts = new HashMap<>();
        if (ids.isEmpty()) {
            return facts;
        }
        Map<String, String> environments = new HashMap<>();
        // list columns, not whole tickets: a task list names many tickets, each of any size
        for (TicketRepository.TaskFacts row : tickets.taskFactsOf(Set.copyOf(ids))) {
            String environment = row.getInstance() == null ? null : environments.computeIfAbsent(row.getInstance(),
                    name -> instances.find(name).map(InstanceView::environment).map(Enum::name).orElse(null));
            facts.put(row.getTicketId(), new Facts(row.getTitle(), null, row.getRisk(), row.getInstance(), environment,
                    row.getMode() == ExecutionMode.SCHEDULED ? row.getScheduledAt() : null, row.getAffectedRows()));
        }
        return facts;
    }
}
