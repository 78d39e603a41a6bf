package io.tollgate.engine.audit.internal;

import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Engine operations into the trail: Camunda's user operation log (what people did through Cockpit, the engine's REST
 * API or Tollgate's own engine calls made as them: deleting or modifying an instance, setting a variable, suspending,
 * retrying a job, completing a task) is copied, one trail entry per operation ({@code engine.<operation-type>}, with
 * each changed property in the payload), a few seconds after it happened. The copied operation's id is recorded in
 * the same transaction as the entry, so each operation is copied once, by whichever node looks first.
 */
@Component
class EngineOperationAudit {

    static final int PAGE = 500;

    private final HistoryService history;
    private final JdbcTemplate jdbc;
    private final AuditTrail trail;
    private final TransactionTemplate tx;

    EngineOperationAudit(HistoryService history, JdbcTemplate jdbc, AuditTrail trail,
                         PlatformTransactionManager transactions) {
        this.history = history;
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
        String subjectId = first.getProcessInstanceId() != null ? first.getProcessInstanceId()
                : first.getTaskId() != null ? first.getTaskId() : first.getJobId() != null ? first.getJobId()
                : first.getDeploymentId() != null ? first.getDeploymentId() : first.getProcessDefinitionKey();
        String kind = "engine." + kebab(first.getOperationType());
        trail.record(new AuditEvent(kind, first.getUserId(), "engine-" + kebab(first.getEntityType()), subjectId,
                (first.getUserId() == null ? "someone" : first.getUserId()) + " did " + first.getOperationType()
                        + " on " + first.getEntityType() + (subjectId == null ? "" : " " + subjectId)
                        + (first.getProcessDefinitionKey() == null ? "" : " (" + first.getProcessDefinitionKey() + ")")
                        + " in the engine", payload), null);
        return true;
    }

    private static void putIfSet(Map<String, Object> payload, String key, Object value) {
        if (value != null) {
            payload.put(key, value);
        }
    }

    /** {@code SetJobRetries} → {@code set-job-retries}. */
    static String kebab(String camel) {
        if (camel == null) {
            return "unknown";
        }
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace(' ', '-').toLowerCase(Locale.ROOT);
    }
}
