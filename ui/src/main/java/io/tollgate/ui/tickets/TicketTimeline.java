package io.tollgate.ui.tickets;

import java.time.Duration;
import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.tollgate.engine.timeline.TimelineStep;
import io.tollgate.engine.timeline.Timelines;
import io.tollgate.ui.layout.CurrentUser;
import org.springframework.context.annotation.Scope;

/**
 * A ticket's (or a change's) timeline for those who read history: Tollgate's trail entries about it and the engine's
 * history of its processes (which task, who, when, how long it waited), oldest first. Invisible to anyone else.
 */
@SpringComponent
@Scope("prototype")
public class TicketTimeline extends VerticalLayout {

    final Grid<TimelineStep> steps;
    private final Timelines timelines;
    private final CurrentUser currentUser;

    public TicketTimeline(Timelines timelines, CurrentUser currentUser) {
        this.timelines = timelines;
        this.currentUser = currentUser;
        setId("timeline");
        setPadding(false);
        steps = grid(List.of());
        add(new H3("Timeline (trail and engine)"), steps);
        setVisible(false);
    }

    /** Shows the subject's timeline, if the person reads history. */
    public void show(String subjectId) {
        boolean allowed = subjectId != null && !subjectId.isBlank() && timelines.mayRead(currentUser.username());
        setVisible(allowed);
        if (allowed) {
            List<TimelineStep> all = timelines.of(currentUser.username(), subjectId);
            steps.setItems(all);
            steps.setAllRowsVisible(all.size() <= 15);
        }
    }

    /** A grid of timeline steps (also used by the History page's entry details). */
    public static Grid<TimelineStep> grid(List<TimelineStep> items) {
        Grid<TimelineStep> grid = new Grid<>(TimelineStep.class, false);
        grid.setId("timeline-steps");
        grid.addColumn(s -> TicketBadges.time(s.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TimelineStep::source).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TimelineStep::what).setHeader("What").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.who() == null ? "" : s.who()).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> s.waited() == null ? "" : human(s.waited())).setHeader("Waited").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> s.detail() == null ? "" : s.detail()).setHeader("Detail")
                .setTooltipGenerator(s -> s.detail() == null ? "" : s.detail());
        grid.setItems(items);
        grid.setAllRowsVisible(items.size() <= 15);
        grid.setWidthFull();
        return grid;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86_400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86_400) + " d " + (s % 86_400 / 3600) + " h";
    }
}
