package io.tollgate.engine.ticket.internal;

import java.util.Optional;

import io.tollgate.engine.approval.ApprovalEligibility;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Whether a ticket's approval step is someone's to decide, from the ticket's approval columns only (no SQL read). */
@Component
class TicketApprovalEligibility implements ApprovalEligibility {

    private final TicketRepository tickets;
    private final ApprovalPolicy policy;

    TicketApprovalEligibility(TicketRepository tickets, ApprovalPolicy policy) {
        this.tickets = tickets;
        this.policy = policy;
    }

    @Override
    public String processKey() {
        return SqlTicketProcess.KEY;
    }

    @Override
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public Optional<String> whyNot(String id, String step, String person) {
        return tickets.roundOf(id).map(round -> {
            try {
                return policy.whyNot(TicketApprovals.subjectFor(round, step), step, person);
            } catch (ApprovalRefusedException nobodyDecides) {
                return Optional.of(nobodyDecides.getMessage());
            }
        }).orElseGet(() -> Optional.of("no ticket " + id + " is recorded"));
    }
}
