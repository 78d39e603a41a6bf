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

    private final CuratorFramework client;
    private final TreeStore store;
    private final String nodesPath;
    private final Map<Long, TreeNode> nodes = new ConcurrentHashMap<>();
    private final Map<Long, Set<Long>> children = new ConcurrentHashMap<>();
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();
    /** The cache that feeds the index; replaced when following resumes after a pause. */
    private CuratorCache cache;
    private volatile CountDownLatch loaded = new CountDownLatch(1);
    /** While a cache loads: the ids it reported, so that nodes gone meanwhile can be dropped afterwards. */
    private volatile Set<Long> reloading;
    private boolean started;
    private boolean paused;
    private boolean closed;

    public ServiceTreeView(CuratorFramework client, String rootPath) {
        this(client, client, rootPath);
    }

    /**
     * A view whose cache loads and follows the tree on {@code cacheClient}'s session, while the reads made before it
     * has loaded go through {@code client}'s. ZooKeeper answers one session's requests in order: on a shared session,
     * a page read waits behind the hundred thousand reads the cache sends at once when it loads (tens of seconds on
     * 100,000 nodes); on a session of its own it is answered at once.
     */
    public ServiceTreeView(CuratorFramework cacheClient, CuratorFramework client, String rootPath) {
        this.client = cacheClient;
        this.store = new TreeStore(client, rootPath);
        this.nodesPath = store.nodesPath();
    }

    public synchronized void start() {
        started = true;
        if (!paused && !closed) {
            follow();
        }
    }

    /** Waits until the cache has loaded the whole tree (again, after a pause); afterwards it keeps following. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops following ZooKeeper, for a bulk write (an import of 100,000 nodes): following it node by node would make
     * the cache list the whole {@code nodes} znode after every transaction and read every node on its own while the
     * import writes. The index keeps what it had; {@link #resume()} loads the tree again in one pass.
     */
    public synchronized void pause() {
        if (paused) {
            return;
        }
        paused = true;
        if (cache != null) {
            cache.close();
            cache = null;
        }
        loaded = new CountDownLatch(1);
    }

    /** Follows ZooKeeper again after {@link #pause()}: loads the tree once, then drops nodes that are gone. */
    public synchronized void resume() {
        if (!paused) {
            return;
        }
        paused = false;
        if (started && !closed) {
            follow();
        }
    }

    private void follow() {
        CountDownLatch latch = loaded.getCount() == 0 ? new CountDownLatch(1) : loaded;
        loaded = latch;
        Set<Long> reported = ConcurrentHashMap.newKeySet();
        reloading = reported;
        // the index keeps the parsed nodes, so the cache need not keep their bytes too
        CuratorCache next = CuratorCache.builder(client, nodesPath)
                .withStorage(CuratorCacheStorage.dataNotCached()).build();
        next.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, now) -> put(now))
                .forDeletes(this::remove)
                .forInitialized(() -> loadedOnce(reported, latch))
                .build());
        cache = next;
        next.start();
    }

    /** After a (re)load: forgets nodes the load did not report, then tells the listeners once. */
    private void loadedOnce(Set<Long> reported, CountDownLatch latch) {
        if (reloading != reported) {
            return; // a cache closed by a pause while it loaded: the next one decides
        }
        reloading = null;
        nodes.keySet().removeIf(id -> {
            if (reported.contains(id)) {
                return false;
            }
            TreeNode gone = nodes.get(id);
            if (gone != null) {
                childrenOf(parentKey(gone)).remove(id);
            }
            return true;
        });
        latch.countDown();
        notifyListeners(TreeStore.NO_PARENT);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }

    /**
     * Calls {@code listener} with a node's id whenever it is created, changed or deleted; close to stop. While the
     * tree (re)loads, at start and after a pause, it is called once at the end with {@code 0} instead of once a node.
     */
    public AutoCloseable onChange(LongConsumer listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * Whether the index holds the whole tree. Until it does (at start, and after an import, while the cache reads
     * every node: seconds to tens of seconds for 100,000 nodes), {@link #root}, {@link #node}, {@link #children(long,
     * int, int)} and {@link #childCount} read ZooKeeper directly, a page at a time, so a reader never waits for the
     * whole tree; {@link #search} and {@link #impact} cover what is loaded so far.
     */
    public boolean isLoaded() {
        return loaded.getCount() == 0;
    }

    public Optional<NodeView> root() {
        if (!isLoaded()) {
            return store.rootId().flatMap(this::node);
        }
        return children.getOrDefault(TreeStore.NO_PARENT, Set.of()).stream().findFirst().flatMap(this::node);
    }

    public Optional<NodeView> node(long id) {
        if (!isLoaded()) {
            // the index may hold the node but not yet its ancestors: its path comes from ZooKeeper
            List<TreeStore.Stored> chain = store.chain(id);
            return chain.isEmpty() ? Optional.empty() : Optional.of(TreeStore.view(chain));
        }
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

    /**
     * A page of a node's children, by name: {@code limit} of them from {@code offset}. While the index loads, read
     * from ZooKeeper's name index (one listing of the names, then the page's nodes only).
     */
    public List<NodeView> children(long id, int offset, int limit) {
        if (!isLoaded()) {
            Optional<NodeView> parent = node(id);
            if (parent.isEmpty()) {
                return List.of();
            }
            Level level = Level.atDepth(parent.get().level().ordinal() + 1);
            return store.childPage(id, offset, limit).stream()
                    .map(child -> new NodeView(child, parent.get().path() + "/" + child.name(),
                            level == null ? Level.IDC : level))
                    .toList();
        }
        return children.getOrDefault(id, Set.of()).stream()
                .map(nodes::get).filter(java.util.Objects::nonNull)
                .sorted(Comparator.comparing(TreeNode::name))
                .skip(offset).limit(limit)
                .map(node -> node(node.id())).flatMap(Optional::stream).toList();
    }

    public int childCount(long id) {
        return isLoaded() ? children.getOrDefault(id, Set.of()).size() : store.childCount(id);
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
        Set<Long> reported = reloading;
        if (reported != null) {
            reported.add(node.id());
        } else {
            notifyListeners(node.id());
        }
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
