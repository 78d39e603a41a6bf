package io.tollgate.engine.ticket.internal.review;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import io.tollgate.processes.ticket.SqlTicketProcess.ApprovalDecision;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the {@code sqlTicketApproval} decision for a passed review and records its answer on the ticket, where the
 * gate reads it: a model that skips or rewires its routing cannot drop the DBA approval the decision asks for. No
 * matching rule asks for a DBA (the stricter path), and {@link ApprovalFloor} asks for one whatever the decision answers
 * for a high-risk script or DDL on production. This evaluation writes no decision history of its own; the model's
 * business rule task records its evaluation of the same decision, and {@link ApplyRecordedRoutingListener} has the
 * model route by what is recorded here.
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
        boolean decided = decision.dbaApprovalRequired(inputs);
        Optional<String> floor = decided ? Optional.empty() : ApprovalFloor.dbaRequired(outcome);
        if (floor.isPresent()) {
            journal.routedByFloor(ticketId, floor.get() + ", though the deployed decision "
                    + ApprovalDecision.KEY + " asked for none");
            return true;
        }
        journal.routed(ticketId, decided);
        return decided;
    }
}
