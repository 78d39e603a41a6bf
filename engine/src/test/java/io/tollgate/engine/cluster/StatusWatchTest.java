package io.tollgate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long poll's watch on one node: a writer that says which status it committed wakes the waiters by it without the
 * record being read again; one that does not, by a read.
 */
class StatusWatchTest {

    private final Map<String, String> records = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final StatusWatch<String> watch = new StatusWatch<>("test-watch", ClusterSignal.Kind.TICKET,
            new StatusWatch.Statuses<>() {
                @Override
                public Optional<String> statusOf(String id) {
                    reads.incrementAndGet();
                    return Optional.ofNullable(records.get(id));
                }

                @Override
                public Map<String, String> statusesOf(List<String> ids) {
                    reads.incrementAndGet();
                    Map<String, String> found = new HashMap<>();
                    ids.forEach(id -> Optional.ofNullable(records.get(id)).ifPresent(s -> found.put(id, s)));
                    return found;
                }
            }, ClusterSignals.alone(), Duration.ofMinutes(10), 1);

    @AfterEach
    void close() {
        watch.close();
    }

    @Test
    void aCommittedStatusWakesTheWaitersItEndsWithoutAReadAndLeavesTheOthers() {
        records.put("T-1", "REVIEWING");
        CompletableFuture<Void> reviewing = watch.awaitChange("T-1", Set.of("REVIEWING"), Duration.ofSeconds(30));
        CompletableFuture<Void> untilTheEnd = watch.awaitChange("T-1", Set.of("REVIEWING", "EXECUTING"),
                Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 2); // each wait reads once, registered
        assertThat(reviewing).isNotDone();

        records.put("T-1", "EXECUTING");
        watch.changed("T-1", () -> "EXECUTING");

        await().atMost(Duration.ofSeconds(5)).until(reviewing::isDone);
        assertThat(untilTheEnd).as("still in a status it waits out").isNotDone();
        assertThat(reads).as("woken by the committed status, not by a read").hasValue(2);

        records.put("T-1", "EXECUTED");
        watch.changed("T-1"); // a writer that does not say: read
        await().atMost(Duration.ofSeconds(5)).until(untilTheEnd::isDone);
        assertThat(reads).hasValue(3);
    }
}
