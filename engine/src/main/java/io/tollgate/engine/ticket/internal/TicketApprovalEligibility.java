package io.tollgate.engine.ticket.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tollgate.engine.approval.ApprovalEligibility;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketRepository;
import io.tollgate.engine.ticket.internal.journal.TicketRound;
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
        return whyNotEach(List.of(new Ask(id, step)), person).get(0);
    }

    /** One read of the tickets' approval columns and one of their decisions for all of them (the policy's). */
    @Override
    @Transactional(readOnly = true, noRollbackFor = ApprovalRefusedException.class)
    public List<Optional<String>> whyNotEach(List<Ask> asks, String person) {
        Map<String, TicketRound> rounds = asks.isEmpty() ? Map.of()
                : tickets.roundsOf(asks.stream().map(Ask::id).collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(TicketRound::ticketId, Function.identity()));
        List<Optional<String>> answers = new ArrayList<>(asks.size());
        List<ApprovalPolicy.Ask> toPolicy = new ArrayList<>();
        List<Integer> atIndex = new ArrayList<>();
        for (Ask ask : asks) {
            TicketRound round = rounds.get(ask.id());
            if (round == null) {
                answers.add(Optional.of("no ticket " + ask.id() + " is recorded"));
                continue;
            }
            try {
                toPolicy.add(new ApprovalPolicy.Ask(TicketApprovals.subjectFor(round, ask.step()), ask.step()));
                atIndex.add(answers.size());
                answers.add(Optional.empty());
            } catch (ApprovalRefusedException nobodyDecides) {
                answers.add(Optional.of(nobodyDecides.getMessage()));
            }
        }
        List<Optional<String>> policy = toPolicy.isEmpty() ? List.of() : this.policy.whyNotEach(toPolicy, person);
        for (int i = 0; i < policy.size(); i++) {
            answers.set(atIndex.get(i), policy.get(i));
        }
        return answers;
    }
}
