package io.tollgate.engine.ticket.internal.review;

import java.util.HashMap;
import java.util.Map;

import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the {@code sqlTicketApproval} decision for a passed review and records its answer on the ticket, where the
 * gate reads it: a model that skips or rewires its routing cannot drop the DBA approval the decision asks for. No
 * matching rule asks for a DBA (the stricter path). This evaluation writes no decision history of its own; the model's
 * business rule task records its evaluation of the same decision.
 */
@Component
public class ApprovalRouting {

    private final LatestApprovalDecision decision;
    private final TicketJournal journal;

    ApprovalRouting(LatestApprovalDecision decision, TicketJournal journal) {
        this.decision = decision;
        this.journal = journal;
    }

    boolean route(String ticketId, TicketReview.Outcome outcome) {
        Map<String, Object> inputs = new HashMap<>();
        Variables.ENVIRONMENT.into(inputs, outcome.environment());
        Variables.RISK_LEVEL.into(inputs, outcome.risk());
        Variables.HAS_DDL.into(inputs, outcome.hasDdl());
        Variables.ESTIMATED_ROWS.into(inputs, outcome.estimatedRows());
        boolean required = decision.dbaApprovalRequired(inputs);
        journal.routed(ticketId, required);
        return required;
    }
}
