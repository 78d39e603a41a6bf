package io.tollgate.engine.tasklist;

import java.time.Instant;

/** One user task as a tasklist row. */
public record TaskSummary(String id, String name, String processKey, String processName, String businessKey,
                          String assignee, Instant created, Instant due) {
}
