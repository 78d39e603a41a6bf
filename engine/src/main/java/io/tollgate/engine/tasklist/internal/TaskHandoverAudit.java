package io.tollgate.engine.tasklist.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.tasklist.TaskHandedOver;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Claims, hand-backs and hand-ons of tasks go to the trail, about the ticket or change the task belongs to
 * ({@code task.claimed}, {@code task.unclaimed}, {@code task.handed-on}): an auditor reads who held an approval and
 * who passed it to whom, next to the decision.
 */
@Component
class TaskHandoverAudit {

    private final AuditTrail trail;

    TaskHandoverAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void handedOver(TaskHandedOver event) {
        String what = event.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", event.taskId());
        payload.put("task", event.taskName());
        if (event.from() != null) {
            payload.put("from", event.from());
        }
        if (event.to() != null) {
            payload.put("to", event.to());
        }
        String summary = switch (event.kind()) {
            case CLAIMED -> event.actor() + " claimed";
            case UNCLAIMED -> event.actor() + " handed back" + (event.actor().equals(event.from()) ? ""
                    : " (held by " + event.from() + ")");
            case HANDED_ON -> event.actor() + " handed to " + event.to() + (event.actor().equals(event.from()) ? ""
                    : " (held by " + event.from() + ")");
        } + " task '" + event.taskName() + "' of " + event.subjectType() + " " + event.subjectId();
        trail.record(new AuditEvent("task." + what, event.actor(), event.subjectType(), event.subjectId(), summary,
                payload));
    }
}
