package io.tollgate.engine.tasklist.internal;

import java.util.Set;

import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;

/**
 * What the tasklist knows about Tollgate's own processes, from their constants: which user tasks are approvals (four
 * eyes), and how long a row's subject may be. What a row shows of the request comes from its feature's rows
 * ({@link io.tollgate.engine.approval.RequestFacts}); tasks of other processes (deployed by process owners) are listed
 * plainly.
 */
final class KnownProcesses {

    static final int MAX_SUBJECT = 120;

    private static final Set<String> TICKET_APPROVALS = Set.of(SqlTicketProcess.Elements.TASK_REVIEWER_APPROVAL,
            SqlTicketProcess.Elements.TASK_DBA_APPROVAL, SqlTicketProcess.Elements.TASK_ROLLBACK_APPROVAL);
    private static final Set<String> CHANGE_APPROVALS = Set.of(ServiceTreeChangeProcess.Elements.TASK_OWNER_APPROVAL,
            ServiceTreeChangeProcess.Elements.TASK_SRE_APPROVAL);

    private KnownProcesses() {
    }

    /** Whether the task approves someone's request, so that this someone may neither claim nor complete it. */
    static boolean isApproval(String processKey, String taskKey) {
        return SqlTicketProcess.KEY.equals(processKey) ? TICKET_APPROVALS.contains(taskKey)
                : ServiceTreeChangeProcess.KEY.equals(processKey) && CHANGE_APPROVALS.contains(taskKey);
    }

    /** What the trail calls a request of the process: as the feature's own entries name it. */
    static String subjectType(String processKey) {
        return SqlTicketProcess.KEY.equals(processKey) ? "ticket"
                : ServiceTreeChangeProcess.KEY.equals(processKey) ? "tree-change" : "process-instance";
    }

    /** Why {@code username} may not claim the approval of their own request {@code businessKey}. */
    static String ownApproval(String processKey, String username, String businessKey) {
        String request = SqlTicketProcess.KEY.equals(processKey) ? "submitted ticket " : "requested change ";
        return username + " " + request + businessKey + " and cannot claim its approval (four eyes)";
    }

    /** A subject on one line, at most {@link #MAX_SUBJECT} characters. */
    static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_SUBJECT ? line : line.substring(0, MAX_SUBJECT - 1) + "…";
    }
}
