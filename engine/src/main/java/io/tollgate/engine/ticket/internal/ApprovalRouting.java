package io.tollgate.engine.ticket.internal;

import java.util.HashMap;
import java.util.Map;

import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Evaluates the {@code sqlTicketApproval} decision for a passed review and records its answer on the ticket, where the
 * gate reads it: a model that skips or rewires its routing cannot drop the DBA approval the decision asks for. No
 * matching rule asks for a DBA (the stricter path).
 */
@Component
class ApprovalRouting {

    private final DecisionService decisions;
    private final TicketJournal journal;

    ApprovalRouting(DecisionService decisions, TicketJournal journal) {
        this.decisions = decisions;
        this.journal = journal;
    }

    boolean route(String ticketId, TicketReview.Outcome outcome) {
        Map<String, Object> inputs = new HashMap<>();
        Variables.ENVIRONMENT.into(inputs, outcome.environment());
        Variables.RISK_LEVEL.into(inputs, outcome.risk());
        Variables.HAS_DDL.into(inputs, outcome.hasDdl());
        Variables.ESTIMATED_ROWS.into(inputs, outcome.estimatedRows());
        DmnDecisionResult result = decisions.evaluateDecisionByKey(ApprovalDecision.KEY).variables(inputs).evaluate();
        Object answer = result.getFirstResult() == null ? null : result.getFirstResult().getSingleEntry();
        boolean required = !Boolean.FALSE.equals(answer);
        journal.routed(ticketId, required);
        return required;
    }
}
