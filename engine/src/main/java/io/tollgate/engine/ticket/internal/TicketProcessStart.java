package io.tollgate.engine.ticket.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.tollgate.engine.deployment.RequestProcesses;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.processes.ticket.SqlTicketProcess.Variables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts a ticket's process, from the ticket's record and its instance: at its submission, and anew at one of its
 * steps that an admin's Cockpit action took away (its review, a rollback request's approval, a DBA's decision after a
 * failure). One place for the variables a ticket's process starts with, so that a process started anew has what the
 * submission gave it (the reviewer group the approval is offered to, the schedule the timer waits for).
 */
@Component
class TicketProcessStart {

    private final RuntimeService runtimeService;
    private final TargetInstances instances;

    TicketProcessStart(RuntimeService runtimeService, TargetInstances instances) {
        this.runtimeService = runtimeService;
        this.instances = instances;
    }

    /** The submitted ticket's process, on {@code instance} as the submission checked it. */
    void start(TicketEntry ticket, InstanceView instance) {
        RequestProcesses.start(() -> runtimeService.startProcessInstanceByKey(SqlTicketProcess.KEY, ticket.ticketId(),
                variables(ticket, instance.reviewerGroup())));
    }

    /**
     * The ticket's process, started before {@code activityId}; {@code rollbackUntil} when a rollback window is open.
     * The reviewer group is the current review round's where one passed (the approvals of the round are held against
     * it), else the instance's now.
     */
    void startBefore(TicketEntry ticket, String activityId, Instant rollbackUntil) {
        InstanceView instance = instances.find(ticket.instance()).orElse(null);
        String reviewerGroup = ticket.reviewerGroup() != null ? ticket.reviewerGroup()
                : instance == null ? null : instance.reviewerGroup();
        Map<String, Object> variables = variables(ticket, reviewerGroup);
        if (rollbackUntil != null) {
            Variables.ROLLBACK_UNTIL.into(variables, rollbackUntil.toString());
        }
        RequestProcesses.start(() -> runtimeService.createProcessInstanceByKey(SqlTicketProcess.KEY)
                .businessKey(ticket.ticketId()).setVariables(variables).startBeforeActivity(activityId).execute());
    }

    /**
     * What the model's expressions read after a wait state, and nothing else (ADR 0061): each stored variable is three
     * rows a ticket (the variable, its history, its detail). The decision's inputs come from the review, transient.
     */
    private Map<String, Object> variables(TicketEntry ticket, String reviewerGroup) {
        Map<String, Object> variables = new HashMap<>();
        Variables.SUBMITTER.into(variables, ticket.submitter());
        Variables.REVIEWER_GROUP.into(variables, reviewerGroup);
        if (ticket.requestedReviewer() != null) {
            Variables.REQUESTED_REVIEWER.into(variables, ticket.requestedReviewer());
        }
        Variables.EXECUTION_MODE.into(variables, ticket.mode().name());
        if (ticket.mode() == ExecutionMode.SCHEDULED) {
            Variables.SCHEDULED_AT.into(variables, ticket.scheduledAt().toString());
        }
        return variables;
    }
}
