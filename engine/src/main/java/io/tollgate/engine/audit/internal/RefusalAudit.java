package io.tollgate.engine.audit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.ApiRequestRefused;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Refused attempts go to the trail: a REST request the permission matrix refused ({@code access.forbidden}) or the
 * approval policy refused ({@code approval.refused}), with who asked for what and why. (Refused deployments and
 * executions refused by the gate are recorded where they are decided.)
 */
@Component
class RefusalAudit {

    private final AuditTrail trail;
    private final HistoryService history;

    RefusalAudit(AuditTrail trail, HistoryService history) {
        this.trail = trail;
        this.history = history;
    }

    @EventListener
    void refused(ApiRequestRefused refused) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", refused.method());
        payload.put("path", refused.path());
        payload.put("reason", refused.reason());
        String what = refused.method() + " " + refused.path();
        // about the ticket or change the request named, so that a search by its id finds the attempts on it
        java.util.regex.Matcher ticket = TICKET.matcher(refused.path() == null ? "" : refused.path());
        java.util.regex.Matcher change = CHANGE.matcher(refused.path() == null ? "" : refused.path());
        java.util.regex.Matcher task = TASK.matcher(refused.path() == null ? "" : refused.path());
        // a task one of several in the request (a batch of decisions), or the one its path names
        String[] aboutTask = refused.taskId() != null ? requestOfTask(refused.taskId())
                : task.lookingAt() ? requestOfTask(task.group(1)) : null;
        String type = ticket.lookingAt() ? "ticket" : change.lookingAt() ? "tree-change"
                : aboutTask != null ? aboutTask[0] : "request";
        String subject = ticket.lookingAt() ? ticket.group(1) : change.lookingAt() ? change.group(1)
                : aboutTask != null ? aboutTask[1] : what;
        trail.record(new AuditEvent(refused.approval() ? "approval.refused" : "access.forbidden", refused.actor(),
                type, subject, (refused.actor() == null ? "someone" : refused.actor()) + " was refused " + what
                + ": " + refused.reason(), payload), refused.source());
    }

    /**
     * The ticket or tree change whose process the task is of ({type, id}), from the history (so a task decided or
     * deleted since is found too); null when it is neither's.
     */
    private String[] requestOfTask(String taskId) {
        HistoricTaskInstance t = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        if (t == null || t.getProcessInstanceId() == null) {
            return null;
        }
        String type = SqlTicketProcess.KEY.equals(t.getProcessDefinitionKey()) ? "ticket"
                : ServiceTreeChangeProcess.KEY.equals(t.getProcessDefinitionKey()) ? "tree-change" : null;
        if (type == null) {
            return null;
        }
        HistoricProcessInstance process = history.createHistoricProcessInstanceQuery()
                .processInstanceId(t.getProcessInstanceId()).singleResult();
        return process == null || process.getBusinessKey() == null ? null
                : new String[] {type, process.getBusinessKey()};
    }

    /** A decision, resolution, claim... on a task, by the tasklist's or the tree approvals' API. */
    private static final java.util.regex.Pattern TASK = java.util.regex.Pattern.compile(
            "/api/v1/(?:tasks|service-tree/approvals)/([^/]+)/");
    private static final java.util.regex.Pattern TICKET = java.util.regex.Pattern.compile("/api/v1/tickets/([^/]+)");
    private static final java.util.regex.Pattern CHANGE =
            java.util.regex.Pattern.compile("/api/v1/service-tree/changes/([^/]+)");
}
