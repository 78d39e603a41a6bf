package io.tollgate.engine.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditFilter;
import io.tollgate.engine.audit.AuditSearch;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Builds a ticket's or a change's timeline from the trail entries about it and the engine's history of the process
 * instances whose business key is its id (the only link from an instance to its ticket or change), oldest first.
 */
@Component
public class Timelines {

    static final int MAX_ENTRIES = AuditTrail.MAX_PAGE;

    private final AuditSearch search;
    private final HistoryService history;
    private final Permissions permissions;
    private final Clock clock;

    Timelines(AuditSearch search, HistoryService history, Permissions permissions, Clock clock) {
        this.search = search;
        this.history = history;
        this.permissions = permissions;
        this.clock = clock;
    }

    /** Whether the person may read timelines (they read history). */
    public boolean mayRead(String reader) {
        return permissions.allows(reader, Permission.READ_HISTORY);
    }

    /** The timeline of a ticket ({@code T-…}) or a change: its trail and its processes' history, oldest first. */
    public List<TimelineStep> of(String reader, String subjectId) {
        permissions.require(reader, Permission.READ_HISTORY);
        List<TimelineStep> steps = new ArrayList<>();
        List<AuditEntry> entries = search.page(reader, new AuditFilter(null, null, null, null, subjectId, null,
                null, null, null, null), null, 0, MAX_ENTRIES);
        for (AuditEntry e : entries) {
            steps.add(new TimelineStep(e.occurredAt(), TimelineStep.TRAIL, e.kind(), e.actor(), null, e.summary()));
        }
        Instant now = clock.instant();
        for (HistoricProcessInstance process : history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(subjectId).orderByProcessInstanceStartTime().asc().list()) {
            steps.add(new TimelineStep(instant(process.getStartTime()), TimelineStep.ENGINE, "process "
                    + process.getProcessDefinitionKey() + " started", process.getStartUserId(), null,
                    "instance " + process.getId()));
            for (HistoricTaskInstance task : history.createHistoricTaskInstanceQuery()
                    .processInstanceId(process.getId()).orderByHistoricActivityInstanceStartTime().asc().list()) {
                Instant created = instant(task.getStartTime());
                steps.add(new TimelineStep(created, TimelineStep.ENGINE, "task " + task.getName() + " created",
                        null, null, "task " + task.getTaskDefinitionKey()));
                if (task.getEndTime() != null) {
                    Instant ended = instant(task.getEndTime());
                    steps.add(new TimelineStep(ended, TimelineStep.ENGINE, "task " + task.getName() + " "
                            + (task.getDeleteReason() == null ? "ended" : task.getDeleteReason()), task.getAssignee(),
                            Duration.between(created, ended), null));
                } else {
                    steps.add(new TimelineStep(now, TimelineStep.ENGINE, "task " + task.getName() + " still open",
                            task.getAssignee(), Duration.between(created, now), task.getAssignee() == null
                            ? "unclaimed" : "claimed by " + task.getAssignee()));
                }
            }
            if (process.getEndTime() != null) {
                steps.add(new TimelineStep(instant(process.getEndTime()), TimelineStep.ENGINE, "process "
                        + process.getProcessDefinitionKey() + " ended (" + process.getState() + ")", null,
                        Duration.between(instant(process.getStartTime()), instant(process.getEndTime())), null));
            }
        }
        steps.sort(Comparator.comparing(TimelineStep::at));
        return steps;
    }

    private static Instant instant(Date date) {
        return date.toInstant();
    }
}
