package io.tollgate.ui.layout;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.tasklist.TaskEvents;

/**
 * Follows the tasklist for one UI: whenever a task is created, claimed, unclaimed, completed or deleted (by anyone),
 * runs {@code refresh} inside {@link UI#access}, so that the change is pushed to the browser (see
 * {@link PushedRefresh}). Runs {@code refresh} once right after subscribing, so the caller need not read first.
 */
public final class TaskUpdates {

    private TaskUpdates() {
    }

    /** Subscribe in {@code onAttach}; remove the registration in {@code onDetach}. */
    public static TaskEvents.Registration follow(UI ui, TaskEvents events, Runnable refresh) {
        PushedRefresh push = new PushedRefresh(ui, refresh);
        TaskEvents.Registration registration = events.subscribe(change -> push.run());
        push.caughtUp(registration);
        return registration;
    }
}
