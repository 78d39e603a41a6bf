package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.cache.CuratorCacheStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The service tree as the UI reads it: an in-memory index fed by a Curator {@link CuratorCache} on the node znodes,
 * so applied changes show without a reload. Lookups never touch ZooKeeper. Start it once, close it at shutdown.
 */
public final class ServiceTreeView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceTreeView.class);
    private static final int MAX_DEPTH = 32;
    private static final Comparator<NodeView> BY_NAME = Comparator.comparing(view -> view.node().name());

    private final String nodesPath;
    private final CuratorCache cache;
    private final Map<Long, TreeNode> nodes = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> children = new ConcurrentHashMap<>();
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch initialized = new CountDownLatch(1);

    public ServiceTreeView(CuratorFramework client, String rootPath) {
        this.nodesPath = new TreeStore(client, rootPath).nodesPath();
        // the index keeps the parsed nodes, so the cache need not keep their bytes too
        this.cache = CuratorCache.builder(client, nodesPath).withStorage(CuratorCacheStorage.dataNotCached()).build();
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, now) -> put(now))
                .forDeletes(this::remove)
                .forInitialized(initialized::countDown)
                .build());
    }

    public void start() {
        cache.start();
    }

    /** Waits until the cache has loaded the whole tree once; afterwards it keeps following. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return initialized.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        cache.close();
    }

    /** Calls {@code listener} with a node's id whenever it is created, changed or deleted; close to stop. */
    public AutoCloseable onChange(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int size() {
        return nodes.size();
    }

    public Optional<NodeView> root() {
        return children.getOrDefault(TreeStore.NO_PARENT, Set.of()).stream().findFirst().flatMap(this::node);
    }

    public Optional<NodeView> node(long id) {
        TreeNode node = nodes.get(id);
        if (node == null) {
            return Optional.empty();
        }
        Deque<String> names = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        TreeNode current = node;
        while (current != null && names.size() < MAX_DEPTH) {
            if (!seen.add(current.id())) {
                names.push("…"); // a corrupted parent chain that loops: shown, never walked around again
                break;
            }
            names.push(current.name());
            current = current.parentId() == null ? null : nodes.get(current.parentId());
        }
        Level level = Level.atDepth(names.size() - 1);
        return Optional.of(new NodeView(node, "/" + String.join("/", names), level == null ? Level.IDC : level));
    }

    /** A node's children, by name. */
    public List<NodeView> children(long id) {
        return children.getOrDefault(id, Set.of()).stream()
                .map(this::node).flatMap(Optional::stream).sorted(BY_NAME).toList();
    }

    public int childCount(long id) {
        return children.getOrDefault(id, Set.of()).size();
    }

    /** Nodes whose name contains {@code text}, ignoring case, by path; at most {@code limit}. */
    public List<NodeView> search(String text, int limit) {
        String needle = text.toLowerCase(Locale.ROOT);
        return nodes.values().stream()
                .filter(node -> node.name().toLowerCase(Locale.ROOT).contains(needle))
                .map(node -> node(node.id())).flatMap(Optional::stream)
                .sorted(Comparator.comparing(NodeView::path))
                .limit(limit)
                .toList();
    }

    /** The servers and monitored URLs under a node, the node included; each node once, even in a corrupted tree. */
    public Impact impact(long id) {
        List<String> servers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        int count = 0;
        Set<Long> seen = new HashSet<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(id));
        while (!pending.isEmpty()) {
            long next = pending.pop();
            TreeNode node = seen.add(next) ? nodes.get(next) : null;
            if (node == null) {
                continue;
            }
            count++;
            node.servers().forEach(server -> servers.add(server.hostname()));
            urls.addAll(node.urls());
            pending.addAll(children.getOrDefault(node.id(), Set.of()));
        }
        return new Impact(count, servers, urls);
    }

    private void put(ChildData data) {
        if (data.getPath().equals(nodesPath)) {
            return;
        }
        TreeNode node;
        try {
            node = Json.read(data.getData(), TreeNode.class);
        } catch (IllegalStateException unreadable) {
            log.warn("skipping unreadable service tree node {}", data.getPath(), unreadable);
            return;
        }
        TreeNode previous = nodes.put(node.id(), node);
        if (previous != null && !parentKey(previous).equals(parentKey(node))) {
            childrenOf(parentKey(previous)).remove(node.id());
        }
        childrenOf(parentKey(node)).add(node.id());
        notifyListeners(node.id());
    }

    private void remove(ChildData data) {
        if (data.getPath().equals(nodesPath)) {
            return;
        }
        long id = TreeStore.idOf(data.getPath());
        TreeNode previous = nodes.remove(id);
        if (previous != null) {
            childrenOf(parentKey(previous)).remove(id);
        }
        notifyListeners(id);
    }

    private Set<Long> childrenOf(long parent) {
        return children.computeIfAbsent(parent, key -> ConcurrentHashMap.newKeySet());
    }

    private static Long parentKey(TreeNode node) {
        return node.parentId() == null ? TreeStore.NO_PARENT : node.parentId();
    }

    private void notifyListeners(long id) {
        for (LongConsumer listener : listeners) {
            try {
                listener.accept(id);
            } catch (RuntimeException e) {
                log.warn("service tree listener failed", e);
            }
        }
    }
}
