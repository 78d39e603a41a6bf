package io.tollgate.ui.layout;

import java.util.concurrent.atomic.AtomicBoolean;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.tasklist.TaskEvents;

/**
 * Follows the tasklist for one UI: whenever a task is created, claimed, unclaimed, completed or deleted (by anyone),
 * runs {@code refresh} inside {@link UI#access}, so that the change is pushed to the browser. A burst of changes
 * arriving before the UI got to the first one is refreshed once.
 */
public final class TaskUpdates {

    private TaskUpdates() {
    }

    /** Subscribe in {@code onAttach}; remove the registration in {@code onDetach}. */
    public static TaskEvents.Registration follow(UI ui, TaskEvents events, Runnable refresh) {
        AtomicBoolean pending = new AtomicBoolean();
        return events.subscribe(change -> {
            if (pending.compareAndSet(false, true)) {
                ui.access(() -> {
                    pending.set(false);
                    refresh.run();
                });
            }
        });
    }
}
