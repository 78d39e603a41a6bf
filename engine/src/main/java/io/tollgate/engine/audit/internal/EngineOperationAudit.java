package io.tollgate.engine.audit.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.camunda.bpm.engine.management.JobDefinition;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Engine operations into the trail: Camunda's user operation log (what people did through Cockpit, the engine's REST
 * API or Tollgate's own engine calls made as them: deleting or modifying an instance, setting a variable, suspending,
 * retrying a job, completing a task) is copied, one trail entry per operation ({@code engine.<operation-type>}, with
 * each changed property in the payload), a few seconds after it happened; about the ticket or change when the
 * operation touched its process (subject {@code ticket} or {@code tree-change}, its id; the engine's ids stay in the
 * payload). The copied operation's id is recorded in
 * the same transaction as the entry, so each operation is copied once, by whichever node looks first.
 */
@Component
class EngineOperationAudit {

    static final int PAGE = 500;
    /** Tollgate's processes whose business key is a request's id, and what the trail calls such a request. */
    private static final Map<String, String> REQUEST_TYPES = Map.of(SqlTicketProcess.KEY, "ticket",
            ServiceTreeChangeProcess.KEY, "tree-change");

    private final HistoryService history;
    private final ManagementService management;
    private final JdbcTemplate jdbc;
    private final AuditTrail trail;
    private final TransactionTemplate tx;

    EngineOperationAudit(HistoryService history, ManagementService management, JdbcTemplate jdbc, AuditTrail trail,
                         PlatformTransactionManager transactions) {
        this.history = history;
        this.management = management;
        this.jdbc = jdbc;
        this.trail = trail;
        this.tx = new TransactionTemplate(transactions);
    }

    /** Copies the operations logged since the last one copied; returns how many operations it copied. */
    int copyNew() {
        Long last = jdbc.queryForObject("SELECT MAX(op_time_millis) FROM audit_engine_operation", Long.class);
        var query = history.createUserOperationLogQuery().orderByTimestamp().asc();
        if (last != null) {
            query.afterTimestamp(new Date(last - 1)); // the same millisecond again: operations are copied once anyway
        }
        Map<String, List<UserOperationLogEntry>> byOperation = new LinkedHashMap<>();
        for (UserOperationLogEntry entry : query.listPage(0, PAGE)) {
            byOperation.computeIfAbsent(entry.getOperationId() == null ? entry.getId() : entry.getOperationId(),
                    k -> new ArrayList<>()).add(entry);
        }
        int copied = 0;
        for (var operation : byOperation.entrySet()) {
            Boolean done = tx.execute(status -> copy(operation.getKey(), operation.getValue()));
            if (Boolean.TRUE.equals(done)) {
                copied++;
            }
        }
        return copied;
    }

    private boolean copy(String operationId, List<UserOperationLogEntry> entries) {
        UserOperationLogEntry first = entries.get(0);
        try {
            jdbc.update("INSERT INTO audit_engine_operation (operation_id, op_time_millis) VALUES (?, ?)",
                    operationId, first.getTimestamp().getTime());
        } catch (DuplicateKeyException alreadyCopied) {
            return false;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("operationId", operationId);
        payload.put("operationType", first.getOperationType());
        payload.put("entityType", first.getEntityType());
        payload.put("category", first.getCategory());
        payload.put("at", first.getTimestamp().toInstant().toString());
        putIfSet(payload, "processDefinitionKey", first.getProcessDefinitionKey());
        putIfSet(payload, "processInstanceId", first.getProcessInstanceId());
        putIfSet(payload, "taskId", first.getTaskId());
        putIfSet(payload, "jobId", first.getJobId());
        putIfSet(payload, "jobDefinitionId", first.getJobDefinitionId());
        // a job definition is a step's jobs (every ticket's run, say): which step, in the auditor's words
        String step = first.getJobDefinitionId() == null ? null : management.createJobDefinitionQuery()
                .jobDefinitionId(first.getJobDefinitionId()).list().stream().findFirst()
                .map(JobDefinition::getActivityId).orElse(null);
        putIfSet(payload, "activityId", step);
        putIfSet(payload, "deploymentId", first.getDeploymentId());
        putIfSet(payload, "batchId", first.getBatchId());
        putIfSet(payload, "annotation", first.getAnnotation());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (UserOperationLogEntry e : entries) {
            if (e.getProperty() != null) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("property", e.getProperty());
                change.put("from", e.getOrgValue());
                change.put("to", e.getNewValue());
                changes.add(change);
            }
        }
        if (!changes.isEmpty()) {
            payload.put("changes", changes);
        }
        if ("Variable".equals(first.getEntityType())) {
            // the log names no variable: the history's updates made by this operation do (names only, no values)
            List<String> variables = history.createHistoricDetailQuery().variableUpdates().userOperationId(operationId)
                    .list().stream().filter(d -> d instanceof HistoricVariableUpdate)
                    .map(d -> ((HistoricVariableUpdate) d).getVariableName()).distinct().sorted().toList();
            if (!variables.isEmpty()) {
                payload.put("variables", variables);
            }
        }
        String subjectId = first.getProcessInstanceId() != null ? first.getProcessInstanceId()
                : first.getTaskId() != null ? first.getTaskId() : first.getJobId() != null ? first.getJobId()
                : first.getJobDefinitionId() != null ? first.getJobDefinitionId()
                : first.getDeploymentId() != null ? first.getDeploymentId() : first.getProcessDefinitionKey();
        String subjectType = "engine-" + kebab(first.getEntityType());
        // an operation on a ticket's or change's process is about that ticket or change: found by its id, on its
        // timeline (an admin's variable rewrite or modification next to the decisions)
        String request = requestOf(first.getProcessInstanceId());
        String type = request == null ? null : REQUEST_TYPES.get(first.getProcessDefinitionKey());
        if (type != null) {
            payload.put("businessKey", request);
            subjectType = type;
            subjectId = request;
        }
        String kind = "engine." + kebab(first.getOperationType());
        trail.record(new AuditEvent(kind, first.getUserId(), subjectType, subjectId,
                (first.getUserId() == null ? "someone" : first.getUserId()) + " did " + first.getOperationType()
                        + " on " + first.getEntityType() + (subjectId == null ? "" : " " + subjectId)
                        + about(first.getProcessDefinitionKey(), step)
                        // the entry is dated when copied, seconds later (its date keeps the chain's and the daily
                        // exports' order): the operation's own time is said here, and in the payload's "at"
                        + " in the engine at " + first.getTimestamp().toInstant(), payload), null);
        return true;
    }

    /** The business key of the process instance (from its history, so a deleted instance is found too), or null. */
    private String requestOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        HistoricProcessInstance process = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        return process == null ? null : process.getBusinessKey();
    }

    private static void putIfSet(Map<String, Object> payload, String key, Object value) {
        if (value != null) {
            payload.put(key, value);
        }
    }

    /** {@code SetJobRetries} → {@code set-job-retries}. */
    /** " (process key, step)" of what is set, or nothing. */
    private static String about(String processDefinitionKey, String step) {
        List<String> set = new ArrayList<>();
        if (processDefinitionKey != null) {
            set.add(processDefinitionKey);
        }
        if (step != null) {
            set.add(step);
        }
        return set.isEmpty() ? "" : " (" + String.join(", ", set) + ")";
    }

    static String kebab(String camel) {
        if (camel == null) {
            return "unknown";
        }
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace(' ', '-').toLowerCase(Locale.ROOT);
    }
}
