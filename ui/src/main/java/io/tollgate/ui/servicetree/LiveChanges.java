package io.tollgate.ui.servicetree;

import com.vaadin.flow.component.UI;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.servicetree.ChangeUpdates;
import io.tollgate.engine.tasklist.TaskChange;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.ui.layout.PushedRefresh;

/**
 * Keeps a service-tree page's changes live by push: a change's status moving (approved, rejected, applied,
 * conflicted, withdrawn) or one of the changes' approval tasks being created, claimed or completed, committed on this
 * node or any other, runs {@code refresh} inside {@link UI#access}; a burst is refreshed once, and so is a possible
 * loss of other nodes' signals. Subscribe in {@code onAttach} ({@code follow} reads once right after subscribing,
 * {@link PushedRefresh#caughtUp}), close in {@code onDetach}.
 */
record LiveChanges(ClusterSignals.Registration statuses, TaskEvents.Registration tasks) implements AutoCloseable {

    static LiveChanges follow(UI ui, ChangeUpdates updates, TaskEvents taskEvents, Runnable refresh) {
        PushedRefresh push = new PushedRefresh(ui, refresh);
        LiveChanges live = new LiveChanges(updates.followAll(push), taskEvents.subscribe(change -> {
            if (change.type() == TaskChange.Type.MISSED
                    || ServiceTreeChangeProcess.KEY.equals(change.processKey())) {
                push.run();
            }
        }));
        push.caughtUp(live);
        return live;
    }

    @Override
    public void close() {
        statuses.remove();
        tasks.remove();
    }
}
