package io.tollgate.engine.tasklist.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;

/**
 * What the tasklist knows about Tollgate's own processes, from their constants: which user tasks are approvals (four
 * eyes), which variable names the person whose request they approve, and what a row shows as subject and risk.
 * Tasks of other processes (deployed by process owners) are listed plainly.
 */
final class KnownProcesses {

    /** The variables read for the rows, across both processes. */
    static final List<String> VARIABLES = List.of(SqlTicketProcess.Variables.SUBMITTER.name(),
            SqlTicketProcess.Variables.TITLE.name(), SqlTicketProcess.Variables.RISK_LEVEL.name(),
            SqlTicketProcess.Variables.INSTANCE.name(), SqlTicketProcess.Variables.ENVIRONMENT.name(),
            SqlTicketProcess.Variables.SCHEDULED_AT.name(), SqlTicketProcess.Variables.ESTIMATED_ROWS.name(),
            ServiceTreeChangeProcess.Variables.REQUESTER.name(), ServiceTreeChangeProcess.Variables.SUBJECT.name());

    static final int MAX_SUBJECT = 120;

    private static final Set<String> TICKET_APPROVALS = Set.of(SqlTicketProcess.Elements.TASK_REVIEWER_APPROVAL,
            SqlTicketProcess.Elements.TASK_DBA_APPROVAL, SqlTicketProcess.Elements.TASK_ROLLBACK_APPROVAL);
    private static final Set<String> CHANGE_APPROVALS = Set.of(ServiceTreeChangeProcess.Elements.TASK_OWNER_APPROVAL,
            ServiceTreeChangeProcess.Elements.TASK_SRE_APPROVAL);

    /** A row's facts from its process's variables; any may be null. */
    record Facts(String requester, String subject, String risk, String instance, String environment,
                 Instant scheduledAt, Long estimatedRows) {
        static final Facts NONE = new Facts(null, null, null, null, null, null, null);
    }

    private KnownProcesses() {
    }

    /** Whether the task approves someone's request, so that this someone may neither claim nor complete it. */
    static boolean isApproval(String processKey, String taskKey) {
        return SqlTicketProcess.KEY.equals(processKey) ? TICKET_APPROVALS.contains(taskKey)
                : ServiceTreeChangeProcess.KEY.equals(processKey) && CHANGE_APPROVALS.contains(taskKey);
    }

    /** Why {@code username} may not claim the approval of their own request {@code businessKey}. */
    static String ownApproval(String processKey, String username, String businessKey) {
        String request = SqlTicketProcess.KEY.equals(processKey) ? "submitted ticket " : "requested change ";
        return username + " " + request + businessKey + " and cannot claim its approval (four eyes)";
    }

    static Facts facts(String processKey, Map<String, Object> variables) {
        if (SqlTicketProcess.KEY.equals(processKey)) {
            return new Facts(SqlTicketProcess.Variables.SUBMITTER.from(variables),
                    shorten(SqlTicketProcess.Variables.TITLE.from(variables)),
                    SqlTicketProcess.Variables.RISK_LEVEL.from(variables),
                    SqlTicketProcess.Variables.INSTANCE.from(variables),
                    SqlTicketProcess.Variables.ENVIRONMENT.from(variables),
                    instant(SqlTicketProcess.Variables.SCHEDULED_AT.from(variables)),
                    SqlTicketProcess.Variables.ESTIMATED_ROWS.from(variables));
        }
        if (ServiceTreeChangeProcess.KEY.equals(processKey)) {
            return new Facts(ServiceTreeChangeProcess.Variables.REQUESTER.from(variables),
                    shorten(ServiceTreeChangeProcess.Variables.SUBJECT.from(variables)), null, null, null, null, null);
        }
        return Facts.NONE;
    }

    /** An ISO-8601 instant with offset as the process holds it, or null when absent or unreadable. */
    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SUBJECT ? line : line.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
