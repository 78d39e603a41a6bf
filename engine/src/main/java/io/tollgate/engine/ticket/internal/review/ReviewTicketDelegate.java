package io.tollgate.engine.ticket.internal.review;

import io.tollgate.processes.ticket.SqlTicketProcess.Beans;
import io.tollgate.processes.ticket.SqlTicketProcess.Errors;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Auto review: records findings and risk, hands the decision its inputs (transient variables), sends a ticket with errors back to its submitter,
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
        // the decision's inputs, for the model's business rule task that follows in this command: transient, since
        // nothing after it reads them and the ticket's row and the decision's history keep them (ADR 0061)
        Variables.ENVIRONMENT.setTransient(execution, outcome.environment());
        Variables.RISK_LEVEL.setTransient(execution, outcome.risk());
        Variables.HAS_DDL.setTransient(execution, outcome.hasDdl());
        Variables.ESTIMATED_ROWS.setTransient(execution, outcome.estimatedRows());
        if (!outcome.passed()) {
            throw new BpmnError(Errors.REVIEW_FAILED, outcome.summary());
        }
    }
}
