package io.tollgate.engine.cluster;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.NodeName;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@link ClusterSignals} over ZooKeeper (ADR 0022). Each node keeps an ephemeral znode under {@code <path>/nodes}
 * while it runs, and publishes only while it sees another one there (a single node writes nothing). A signal is a
 * persistent sequential znode {@code <path>/signals/s-NNNNNNNNNN} whose data is a small JSON object (origin, kind,
 * ids; well under a kilobyte). Every node follows {@code <path>/signals} with a {@link CuratorCache} (one persistent
 * recursive watch): each znode created by another node is handed to the listeners of its kind on one delivery thread.
 * Every node deletes signals older than the retention, so the folder holds seconds of signals, never enough to come
 * near ZooKeeper's 1 MB reply limit (thousands of names of 12 bytes). On a suspended or lost connection listeners are
 * told {@code missed()} when it comes back, and every safety-net interval meanwhile.
 */
@Component
@EnableConfigurationProperties(ClusterProperties.class)
class ZooKeeperClusterSignals implements ClusterSignals, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperClusterSignals.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PENDING = 10_000;

    /** The wire form: short names, since every signal is a znode. */
    record Wire(String o, String k, List<String> v) {
    }

    private final CuratorFramework client;
    private final ClusterProperties properties;
    private final String node;
    private final String signalsPath;
    private final String nodesPath;
    private final Map<ClusterSignal.Kind, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private final ThreadPoolExecutor delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING), runnable -> {
                Thread thread = new Thread(runnable, "tollgate-cluster-signals");
                thread.setDaemon(true);
                return thread;
            }, (runnable, executor) -> LOG.warn("{} cluster signals wait for delivery already; one is dropped (the"
                    + " safety-net sweep covers it)", MAX_PENDING));
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "tollgate-cluster-timer");
        thread.setDaemon(true);
        return thread;
    });
    private final PersistentNode membership;
    private final CuratorCache members;
    private final CuratorCache signals;

    @Autowired
    ZooKeeperClusterSignals(CuratorFramework client, ClusterProperties properties) throws Exception {
        this(client, properties, NodeName.name());
    }

    /** With a node name of the caller's: two nodes in one JVM (a test). */
    ZooKeeperClusterSignals(CuratorFramework client, ClusterProperties properties, String node) throws Exception {
        this.client = client;
        this.node = node;
        this.properties = properties;
        this.signalsPath = properties.path() + "/signals";
        this.nodesPath = properties.path() + "/nodes";
        for (String path : List.of(signalsPath, nodesPath)) {
            try {
                // persistent, not containers: ZooKeeper deletes an empty container, and then a create under it fails
                client.create().creatingParentsIfNeeded().forPath(path);
            } catch (KeeperException.NodeExistsException alreadyThere) {
                // another node or an earlier run made it
            }
        }
        client.getConnectionStateListenable().addListener((c, state) -> connectionChanged(state));
        members = CuratorCache.build(client, nodesPath);
        members.start();
        signals = CuratorCache.build(client, signalsPath);
        signals.listenable().addListener(CuratorCacheListener.builder()
                .forCreates(this::created)
                .afterInitialized()
                .build(), delivery);
        signals.start();
        membership = new PersistentNode(client, CreateMode.EPHEMERAL, false,
                nodesPath + "/" + URLEncoder.encode(node, StandardCharsets.UTF_8), node.getBytes(StandardCharsets.UTF_8));
        membership.start();
        long purgeEvery = Math.max(1_000, properties.retention().toMillis() / 2);
        timer.scheduleWithFixedDelay(this::purge, purgeEvery, purgeEvery, TimeUnit.MILLISECONDS);
        long sweep = properties.safetySweep().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            if (cutOff.get()) {
                missed();
            }
        }, sweep, sweep, TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(ClusterSignal.Kind kind, List<String> values) {
        if (otherNodes() == 0) {
            return;
        }
        try {
            byte[] data = JSON.writeValueAsBytes(new Wire(node, kind.name(), values));
            client.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .inBackground((c, event) -> {
                        if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
                            LOG.debug("a {} signal was not published ({}); the other nodes' sweep covers it", kind,
                                    KeeperException.Code.get(event.getResultCode()));
                        }
                    })
                    .forPath(signalsPath + "/s-", data);
        } catch (Exception e) {
            LOG.debug("a {} signal was not published; the other nodes' sweep covers it: {}", kind, e.toString());
        }
    }

    @Override
    public Registration subscribe(ClusterSignal.Kind kind, Listener listener) {
        Objects.requireNonNull(listener, "listener");
        Listener subscription = new Listener() { // its own identity, so each registration removes itself
            @Override
            public void received(ClusterSignal signal) {
                listener.received(signal);
            }

            @Override
            public void missed() {
                listener.missed();
            }
        };
        listeners.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(subscription);
        return () -> listeners.get(kind).remove(subscription);
    }

    @Override
    public String node() {
        return node;
    }

    /** The other nodes registered now, as this node last saw them. */
    long otherNodes() {
        return members.stream().filter(d -> !d.getPath().equals(nodesPath))
                .filter(d -> d.getData() == null || !node.equals(new String(d.getData(), StandardCharsets.UTF_8)))
                .count();
    }

    private void created(ChildData child) {
        if (child.getPath().equals(signalsPath) || child.getData() == null) {
            return;
        }
        ClusterSignal signal;
        try {
            Wire wire = JSON.readValue(child.getData(), Wire.class);
            signal = new ClusterSignal(wire.o(), ClusterSignal.Kind.valueOf(wire.k()), wire.v() == null ? List.of()
                    : wire.v());
        } catch (Exception | Error unreadable) {
            LOG.debug("ignoring signal {} that this node cannot read: {}", child.getPath(), unreadable.toString());
            return;
        }
        if (signal.origin().equals(node)) {
            return;
        }
        for (Listener listener : listeners.getOrDefault(signal.kind(), List.of())) {
            try {
                listener.received(signal);
            } catch (RuntimeException e) {
                LOG.warn("a cluster signal listener failed on {}", signal, e);
            }
        }
    }

    private void connectionChanged(ConnectionState state) {
        if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
            if (cutOff.compareAndSet(false, true)) {
                LOG.warn("cut off from ZooKeeper ({}): other nodes' changes reach this node by the safety-net sweep"
                        + " (every {}) until it reconnects", state, properties.safetySweep());
            }
        } else if (state.isConnected() && cutOff.compareAndSet(true, false)) {
            LOG.info("back in touch with ZooKeeper ({}): screens re-read what they show", state);
            missed();
        }
    }

    private void missed() {
        if (delivery.isShutdown()) {
            return;
        }
        delivery.execute(() -> listeners.values().forEach(all -> all.forEach(listener -> {
            try {
                listener.missed();
            } catch (RuntimeException e) {
                LOG.warn("a cluster signal listener failed on missed signals", e);
            }
        })));
    }

    /** Deletes the signals older than the retention; any node may, and a signal deleted twice is no error. */
    private void purge() {
        try {
            long before = System.currentTimeMillis() - properties.retention().toMillis();
            signals.stream()
                    .filter(d -> !d.getPath().equals(signalsPath) && d.getStat() != null
                            && d.getStat().getCtime() < before)
                    .forEach(d -> {
                        try {
                            client.delete().quietly().inBackground().forPath(d.getPath());
                        } catch (Exception e) {
                            LOG.debug("cannot purge signal {}: {}", d.getPath(), e.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("cannot purge old signals: {}", e.toString());
        }
    }

    @Override
    public void destroy() throws Exception {
        timer.shutdownNow();
        membership.close();
        signals.close();
        members.close();
        delivery.shutdownNow();
    }
}
