package io.tollgate.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskEvents;
import org.junit.jupiter.api.Test;

/**
 * A page that reads, and only then subscribes, misses a change committed in between: its signal went to no one. The
 * shared follow reads once right after subscribing, so the page shows that change without waiting for the next one.
 */
class TaskUpdatesTest {

    @Test
    void aChangeCommittedBetweenThePagesFirstReadAndItsSubscriptionIsShownOnceItFollows() {
        AtomicInteger openTasks = new AtomicInteger();
        List<Consumer<TaskChange>> subscribers = new ArrayList<>();
        TaskEvents events = listener -> {
            subscribers.add(listener);
            return () -> subscribers.remove(listener);
        };
        AtomicInteger shown = new AtomicInteger(-1);
        Runnable refresh = () -> shown.set(openTasks.get());

        refresh.run(); // the page's first read, before it is attached
        openTasks.incrementAndGet(); // a task created now: its event reaches no subscriber
        assertThat(subscribers).isEmpty();
        assertThat(shown).hasValue(0);

        TaskEvents.Registration registration = TaskUpdates.follow(new UI(), events, refresh);

        assertThat(shown).as("the page caught up with the change it could not hear of").hasValue(1);
        assertThat(subscribers).hasSize(1);
        registration.remove();
        assertThat(subscribers).isEmpty();
    }

    @Test
    void aPageWhoseFirstReadFailsLeavesNoSubscriptionBehind() {
        List<Consumer<TaskChange>> subscribers = new ArrayList<>();
        TaskEvents events = listener -> {
            subscribers.add(listener);
            return () -> subscribers.remove(listener);
        };

        assertThatThrownBy(() -> TaskUpdates.follow(new UI(), events, () -> {
            throw new IllegalStateException("the database is away");
        })).hasMessage("the database is away");
        assertThat(subscribers).as("nobody holds the registration: it must not outlive the failed attach").isEmpty();
    }
}
