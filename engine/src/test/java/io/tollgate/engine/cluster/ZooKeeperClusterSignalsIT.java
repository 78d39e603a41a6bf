package io.tollgate.engine.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' signals on a real ZooKeeper (Curator's TestingServer), in one JVM with node names of their own: a signal
 * reaches the other node and not its origin, a lone node writes nothing, old signals are purged, and a lost
 * connection tells listeners that signals may have been missed.
 */
class ZooKeeperClusterSignalsIT {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final String SIGNALS = "/tollgate/cluster/signals";

    private TestingServer server;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void startZooKeeper() throws Exception {
        server = new TestingServer(true);
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        server.close();
    }

    @Test
    void aSignalReachesTheOtherNodeWithItsValuesAndNotItsOrigin() throws Exception {
        ZooKeeperClusterSignals a = node("a", Duration.ofSeconds(30));
        ZooKeeperClusterSignals b = node("b", Duration.ofSeconds(30));
        List<ClusterSignal> atA = new CopyOnWriteArrayList<>();
        List<ClusterSignal> atB = new CopyOnWriteArrayList<>();
        List<ClusterSignal> ticketsAtB = new CopyOnWriteArrayList<>();
        a.subscribe(ClusterSignal.Kind.TASK, atA::add);
        b.subscribe(ClusterSignal.Kind.TASK, atB::add);
        b.subscribe(ClusterSignal.Kind.TICKET, ticketsAtB::add);
        await().atMost(SOON).until(() -> a.otherNodes() == 1 && b.otherNodes() == 1);

        a.publish(ClusterSignal.Kind.TASK, Arrays.asList("CREATED", "task-1", "sqlTicket", "T-1", null));
        await().atMost(SOON).until(() -> !atB.isEmpty());
        assertThat(atB).containsExactly(new ClusterSignal("a", ClusterSignal.Kind.TASK,
                Arrays.asList("CREATED", "task-1", "sqlTicket", "T-1", null)));
        assertThat(ticketsAtB).as("listeners of another kind").isEmpty();

        // signals arrive in order: once A has B's later one, it would have had its own earlier one
        b.publish(ClusterSignal.Kind.TASK, List.of("COMPLETED", "task-1", "sqlTicket", "T-1", "reviewer"));
        await().atMost(SOON).until(() -> !atA.isEmpty());
        assertThat(atA).extracting(ClusterSignal::origin).containsExactly("b");
    }

    @Test
    void aLoneNodeWritesNothingAndOldSignalsArePurged() throws Exception {
        ZooKeeperClusterSignals a = node("a", Duration.ofSeconds(2));
        a.publish(ClusterSignal.Kind.TICKET, List.of("T-alone"));
        ZooKeeperClusterSignals b = node("b", Duration.ofSeconds(2));
        List<ClusterSignal> atB = new CopyOnWriteArrayList<>();
        b.subscribe(ClusterSignal.Kind.TICKET, atB::add);
        await().atMost(SOON).until(() -> a.otherNodes() == 1);
        a.publish(ClusterSignal.Kind.TICKET, List.of("T-two"));
        await().atMost(SOON).until(() -> !atB.isEmpty());
        assertThat(atB).extracting(s -> s.value(0)).containsExactly("T-two");
        CuratorFramework look = client();
        assertThat(look.getChildren().forPath(SIGNALS)).as("what the lone node published was not written").hasSize(1);
        // older than the retention: gone
        await().atMost(SOON).until(() -> look.getChildren().forPath(SIGNALS).isEmpty());
    }

    @Test
    void aLostConnectionTellsListenersThatSignalsMayHaveBeenMissed() throws Exception {
        ZooKeeperClusterSignals a = node("a", Duration.ofSeconds(30));
        AtomicInteger missed = new AtomicInteger();
        a.subscribe(ClusterSignal.Kind.TASK, new ClusterSignals.Listener() {
            @Override
            public void received(ClusterSignal signal) {
            }

            @Override
            public void missed() {
                missed.incrementAndGet();
            }
        });
        assertThat(missed.get()).isZero();
        server.stop();
        server.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> missed.get() >= 1);
    }

    private ZooKeeperClusterSignals node(String name, Duration retention) throws Exception {
        ZooKeeperClusterSignals node = new ZooKeeperClusterSignals(client(),
                new ClusterProperties("/tollgate/cluster", retention, Duration.ofMinutes(5)), name);
        closing.add(node::destroy);
        return node;
    }

    private CuratorFramework client() throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .sessionTimeoutMs(20_000).connectionTimeoutMs(5_000).retryPolicy(new RetryNTimes(100, 200)).build();
        client.start();
        closing.add(client);
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }
}
