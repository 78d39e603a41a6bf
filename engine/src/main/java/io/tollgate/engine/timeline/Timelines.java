package io.tollgate.engine.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditFilter;
import io.tollgate.engine.audit.AuditSearch;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.springframework.stereotype.Component;

/**
 * Builds a ticket's or a change's timeline from the trail entries about it and the engine's history of the process
 * instances whose business key is its id (the only link from an instance to its ticket or change), oldest first.
 * Who may read it: a ticket's, those who read history; a service-tree change's, those who read the change (its
 * audits: {@link Permission#AUDIT_TREE}) and those who read all history.
 */
@Component
public class Timelines implements ChangeTimelines {

    static final int MAX_ENTRIES = AuditTrail.MAX_PAGE;

    private final AuditSearch search;
    private final HistoryService history;
    private final Permissions permissions;
    private final ServiceTreeChangeRequests changes;
    private final Clock clock;

    Timelines(AuditSearch search, HistoryService history, Permissions permissions,
              ServiceTreeChangeRequests changes, Clock clock) {
        this.search = search;
        this.history = history;
        this.permissions = permissions;
        this.changes = changes;
        this.clock = clock;
    }

    /** Whether the person may read timelines (they read history). */
    public boolean mayRead(String reader) {
        return permissions.allows(reader, Permission.READ_HISTORY);
    }

    /** The timeline of a ticket ({@code T-…}) or a change: its trail and its processes' history, oldest first. */
    public List<TimelineStep> of(String reader, String subjectId) {
        permissions.require(reader, Permission.READ_HISTORY);
        return merged(search.page(reader, new AuditFilter(null, null, null, null, subjectId, null,
                null, null, null, null), null, 0, MAX_ENTRIES), subjectId);
    }

    /** Whether the person may read service-tree changes' timelines: as they may read the changes, or all history. */
    @Override
    public boolean mayReadChanges(String reader) {
        return changes.mayRead(reader);
    }

    /**
     * A service-tree change's timeline: its trail ({@code tree-change.*} entries) and its process's history, oldest
     * first; refused as reading the change is, and {@link NotFoundException} for a change that does not exist.
     */
    @Override
    public List<TimelineStep> ofChange(String reader, String changeId) {
        if (!mayReadChanges(reader)) {
            throw new PermissionDeniedException((reader == null ? "nobody signed in" : reader) + " may not "
                    + Permission.AUDIT_TREE.label() + ": a change's timeline needs the role "
                    + String.join(" or ", java.util.stream.Stream.concat(Permission.AUDIT_TREE.roles().stream(),
                            Permission.READ_HISTORY.roles().stream()).map(r -> r.groupId()).distinct().toList()));
        }
        if (changeId == null || changes.find(changeId).isEmpty()) {
            throw NotFoundException.of("service-tree change", changeId);
        }
        return merged(search.aboutSubject("tree-change", changeId, MAX_ENTRIES), changeId);
    }

    private List<TimelineStep> merged(List<AuditEntry> entries, String subjectId) {
        List<TimelineStep> steps = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) { // oldest first: entries of one instant keep their order
            AuditEntry e = entries.get(i);
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
