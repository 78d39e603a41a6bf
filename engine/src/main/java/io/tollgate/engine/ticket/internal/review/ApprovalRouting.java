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

    /**
     * Which approvals a passed review round needs: {@code dbaApprovalRequired} from the deployed decision or
     * Tollgate's floor; {@code note} says which, and which version of the decision answered, for the trail;
     * {@code floor} is why the floor asked for a DBA the decision did not ask for, else null.
     */
    record Route(boolean dbaApprovalRequired, String note, String floor) {
    }

    /** Evaluates the routing of a passed review; records nothing ({@link #record} does, after the review). */
    Route decide(TicketReview.Outcome outcome) {
        Map<String, Object> inputs = new HashMap<>();
        Variables.ENVIRONMENT.into(inputs, outcome.environment());
        Variables.RISK_LEVEL.into(inputs, outcome.risk());
        Variables.HAS_DDL.into(inputs, outcome.hasDdl());
        Variables.ESTIMATED_ROWS.into(inputs, outcome.estimatedRows());
        LatestApprovalDecision.Answer answer = decision.answer(inputs);
        Optional<String> floor = answer.dbaApprovalRequired() ? Optional.empty() : ApprovalFloor.dbaRequired(outcome);
        String asked = answer.dbaApprovalRequired() ? "a DBA's approval after the reviewers'" : "no DBA's approval";
        String note = "Routed by " + answer.by() + ": " + asked
                + floor.map(why -> "; Tollgate asks for one all the same (" + why + ")").orElse("") + ".";
        return new Route(answer.dbaApprovalRequired() || floor.isPresent(), note, floor.orElse(null));
    }

    /** Records the route on the ticket, where the gate reads it; a floor's DBA approval in the trail too. */
    void record(String ticketId, Route route) {
        if (route.floor() != null) {
            journal.routedByFloor(ticketId, route.floor() + ", though the deployed decision "
                    + ApprovalDecision.KEY + " asked for none");
            return;
        }
        journal.routed(ticketId, route.dbaApprovalRequired());
    }
}
