package io.tollgate.engine.servicetree.internal.journal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import io.tollgate.engine.cluster.ClusterProperties;
import io.tollgate.engine.cluster.ClusterSignal;
import io.tollgate.engine.cluster.ClusterSignals;
import io.tollgate.engine.cluster.StatusWatch;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.ChangeUpdates;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Lets a caller wait, without polling, until a service-tree change leaves a status
 * ({@code GET /api/v1/service-tree/changes/{id}?waitWhileStatus=}), as tickets do (ADR 0008): the ledger calls
 * {@link #changed} for every status it writes, and {@link StatusWatch} wakes the waiters here and, through a
 * {@link ClusterSignal} of kind TREE_CHANGE, on the other nodes. Open service-tree pages follow the same changes
 * ({@link ChangeUpdates}).
 */
@Component
public class ChangeWatch implements ChangeUpdates {

    private final StatusWatch<ChangeStatus> watch;

    ChangeWatch(ChangeEntryRepository changes, ClusterSignals cluster, ClusterProperties clusterProperties) {
        this.watch = new StatusWatch<>("tree-change-watch", ClusterSignal.Kind.TREE_CHANGE,
                new StatusWatch.Statuses<>() {
                    @Override
                    public Optional<ChangeStatus> statusOf(String id) {
                        return changes.statusOf(id);
                    }

                    @Override
                    public Map<String, ChangeStatus> statusesOf(List<String> ids) {
                        Map<String, ChangeStatus> statuses = new HashMap<>();
                        for (ChangeEntryRepository.StatusOf row : changes.statusesOf(ids)) {
                            statuses.put(row.getChangeId(), row.getStatus());
                        }
                        return statuses;
                    }
                }, cluster, clusterProperties.safetySweep(), 2);
    }

    /** See {@link StatusWatch#awaitChange}. */
    public CompletableFuture<Void> awaitChange(String changeId, java.util.Set<ChangeStatus> statuses, Duration timeout) {
        return watch.awaitChange(changeId, statuses, timeout);
    }

    @Override
    public ClusterSignals.Registration followAll(Runnable changed) {
        return watch.follow(null, changed);
    }

    /** Called by the ledger inside the transaction that writes the change's status. */
    void changed(String changeId) {
        watch.changed(changeId);
    }

    public ExecutorService readers() {
        return watch.readers();
    }

    @PreDestroy
    void close() {
        watch.close();
    }
}
