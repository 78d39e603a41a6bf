package io.tollgate.ui.servicetree;

import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.timeline.TimelineStep;
import io.tollgate.engine.timeline.ChangeTimelines;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.tickets.TicketTimeline;
import org.springframework.context.annotation.Scope;

/**
 * A service-tree change's timeline on its pages ({@code service-tree/changes/<changeId>}, read-only, and
 * {@code service-tree/approvals/<changeId>}): Tollgate's trail entries
 * about it and the engine's history of its process (which task, who, when, how long it waited), oldest first. Shown
 * to those who may read the change (or all history), for a change that exists; hidden otherwise.
 */
@SpringComponent
@Scope("prototype")
public class ChangeTimeline extends VerticalLayout {

    final Grid<TimelineStep> steps = TicketTimeline.grid(List.of());
    private final H3 title = new H3();
    private final ChangeTimelines timelines;
    private final CurrentUser currentUser;

    public ChangeTimeline(ChangeTimelines timelines, CurrentUser currentUser) {
        this.timelines = timelines;
        this.currentUser = currentUser;
        setId("change-timeline");
        setPadding(false);
        steps.setId("change-timeline-steps");
        add(title, steps);
        setVisible(false);
    }

    /** Shows the change's timeline, or hides it (no change chosen, no such change, or not the person's to read). */
    public void show(String changeId) {
        String reader = currentUser.username();
        if (changeId == null || changeId.isBlank() || !timelines.mayReadChanges(reader)) {
            setVisible(false);
            return;
        }
        try {
            List<TimelineStep> all = timelines.ofChange(reader, changeId);
            title.setText("Timeline of change " + changeId + " (trail and engine)");
            steps.setItems(all);
            steps.setAllRowsVisible(all.size() <= 15);
            setVisible(true);
        } catch (NotFoundException noSuchChange) {
            setVisible(false);
        }
    }
}
