package io.tollgate.engine.ticket.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.tollgate.engine.ticket.internal.execution.TicketProperties;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts a ticket's process anew at one of its steps, with the variables its submission gave it, from the ticket's
 * record: for a step an admin's Cockpit action took away (a rollback request's approval, a DBA's decision after a
 * failure).
 */
@Component
class TicketProcessRestart {

    private final RuntimeService runtimeService;
    private final TicketProperties properties;

    TicketProcessRestart(RuntimeService runtimeService, TicketProperties properties) {
        this.runtimeService = runtimeService;
        this.properties = properties;
    }

    /** The ticket's process, started before {@code activityId}; {@code rollbackUntil} when a rollback window is open. */
    void startBefore(TicketEntry ticket, String activityId, Instant rollbackUntil) {
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, ticket.submitter());
        Variables.TITLE.into(variables, ticket.title());
        Variables.INSTANCE.into(variables, ticket.instance());
        Variables.REVIEWER_GROUP.into(variables, ticket.reviewerGroup());
        Variables.EXECUTION_MODE.into(variables, ticket.mode().name());
        Variables.ROLLBACK_WINDOW.into(variables, properties.rollbackWindow().toString());
        if (rollbackUntil != null) {
            Variables.ROLLBACK_UNTIL.into(variables, rollbackUntil.toString());
        }
        runtimeService.createProcessInstanceByKey(SqlTicketProcess.KEY).businessKey(ticket.ticketId())
                .setVariables(variables).startBeforeActivity(activityId).execute();
    }
}
