package io.tollgate.engine.ticket.internal.review;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Auto review: records findings and risk, sets the decision inputs, sends a ticket with errors back to its submitter,
 * and records which approvals a passed one needs ({@link ApprovalRouting}, from {@link TicketReview}). The ticket is the process's business key, which no caller can change.
 */
@Component(Beans.REVIEW_TICKET)
public class ReviewTicketDelegate implements JavaDelegate {

    private final TicketReview review;

    ReviewTicketDelegate(TicketReview review) {
        this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String ticketId = execution.getProcessBusinessKey();
        TicketReview.Outcome outcome = review.review(ticketId);
        Variables.RISK_LEVEL.set(execution, outcome.risk());
        Variables.HAS_DDL.set(execution, outcome.hasDdl());
        Variables.ESTIMATED_ROWS.set(execution, outcome.estimatedRows());
        if (!outcome.passed()) {
            throw new BpmnError(Errors.REVIEW_FAILED, outcome.summary());
        }
    }
}
