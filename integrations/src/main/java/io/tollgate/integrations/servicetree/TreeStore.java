package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The znode layout and the reads that validation, verification and import share. */
final class TreeStore {

    /** The virtual parent of the root: the root's name is indexed under {@code children/0}. */
    static final long NO_PARENT = 0L;
    /** The deepest chain a sound tree has: root, product line, service, IDC. */
    private static final int MAX_DEPTH = Level.values().length;

    private final CuratorFramework client;
    private final String root;
    /** The layout znodes are never deleted, so checking once per instance is enough. */
    private volatile boolean layoutReady;

    TreeStore(CuratorFramework client, String rootPath) {
        this.client = client;
        this.root = ZKPaths.fixForNamespace(null, rootPath);
    }

    CuratorFramework client() {
        return client;
    }

    String nodesPath() {
        return root + "/nodes";
    }

    String nodePath(long id) {
        return nodesPath() + "/" + id;
    }

    String childrenPath(long id) {
        return root + "/children/" + id;
    }

    String namePath(Long parentId, String name) {
        return childrenPath(parentId == null ? NO_PARENT : parentId) + "/" + name;
    }

    String idsPath() {
        return root + "/ids";
    }

    String markersPath() {
        return root + "/changes";
    }

    /** The id range of an import while it writes (see {@link ServiceTreeImporter}). */
    String importPath() {
        return root + "/import";
    }

    /** Ephemeral: one import at a time. */
    String importLockPath() {
        return root + "/import-lock";
    }

    String markerPath(String changeId) {
        return markersPath() + "/" + changeId;
    }

    static long idOf(String nodePath) {
        return Long.parseLong(ZKPaths.getNodeFromPath(nodePath));
    }

    /** Creates the fixed znodes if missing; harmless to repeat. */
    void ensureLayout() {
        if (layoutReady) {
            return;
        }
        Zk.call("prepare the service tree", () -> {
            for (String path : List.of(nodesPath(), childrenPath(NO_PARENT), markersPath())) {
                createIfMissing(path, new byte[0]);
            }
            createIfMissing(idsPath(), "0".getBytes(StandardCharsets.UTF_8));
            layoutReady = true;
            return null;
        });
    }

    private void createIfMissing(String path, byte[] data) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException alreadyThere) {
            // created earlier or by another instance
        }
    }

    /** A node with the data version of its znode. */
    record Stored(TreeNode node, int version) {
    }

    Optional<Stored> read(long id) {
        return Zk.call("read node " + id, () -> {
            try {
                Stat stat = new Stat();
                byte[] data = client.getData().storingStatIn(stat).forPath(nodePath(id));
                return Optional.of(new Stored(Json.read(data, TreeNode.class), stat.getVersion()));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The node and its ancestors, node first and root last; empty when the node or an ancestor is missing.
     *
     * @throws CorruptedTreeException when the parent chain loops or is deeper than the levels allow: the walk stops
     *                                there, never runs on
     */
    List<Stored> chain(long id) {
        List<Stored> chain = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        Long next = id;
        while (next != null) {
            if (!seen.add(next)) {
                throw new CorruptedTreeException("the parent chain of node " + id + " loops at node " + next);
            }
            if (chain.size() == MAX_DEPTH) {
                throw new CorruptedTreeException("the parent chain of node " + id + " is deeper than the "
                        + MAX_DEPTH + " levels of the tree");
            }
            Optional<Stored> stored = read(next);
            if (stored.isEmpty()) {
                return List.of();
            }
            chain.add(stored.get());
            next = stored.get().node().parentId();
        }
        return chain;
    }

    /** The ids of a node's children, from the name index. */
    List<Long> childIds(long id) {
        return Zk.call("list the children of node " + id, () -> {
            List<Long> ids = new ArrayList<>();
            try {
                for (String name : client.getChildren().forPath(childrenPath(id))) {
                    byte[] data = client.getData().forPath(childrenPath(id) + "/" + name);
                    ids.add(Long.parseLong(new String(data, StandardCharsets.UTF_8)));
                }
            } catch (KeeperException.NoNodeException e) {
                // no index: the node is gone, so are its children
            }
            return ids;
        });
    }

    /**
     * A page of a node's children by name, from the name index: one listing of the names (a reply of about the
     * names' size), then the page's ids and nodes only.
     */
    List<TreeNode> childPage(long id, int offset, int limit) {
        return Zk.call("read a page of the children of node " + id, () -> {
            List<String> names;
            try {
                names = new ArrayList<>(client.getChildren().forPath(childrenPath(id)));
            } catch (KeeperException.NoNodeException e) {
                return List.<TreeNode>of();
            }
            names.sort(null);
            List<TreeNode> page = new ArrayList<>();
            int from = Math.min(offset, names.size());
            int to = (int) Math.min(names.size(), (long) from + limit);
            for (String name : names.subList(from, to)) {
                try {
                    byte[] data = client.getData().forPath(childrenPath(id) + "/" + name);
                    read(Long.parseLong(new String(data, StandardCharsets.UTF_8))).ifPresent(s -> page.add(s.node()));
                } catch (KeeperException.NoNodeException goneMeanwhile) {
                    // renamed or deleted between the listing and this read: the next page read shows it again
                }
            }
            return page;
        });
    }

    int childCount(long id) {
        return Zk.call("count the children of node " + id, () -> {
            Stat stat = client.checkExists().forPath(childrenPath(id));
            return stat == null ? 0 : stat.getNumChildren();
        });
    }

    /** How many nodes the tree has: the {@code nodes} znode's child count, from its stat (no listing). */
    int nodeCount() {
        return Zk.call("count the nodes", () -> {
            Stat stat = client.checkExists().forPath(nodesPath());
            return stat == null ? 0 : stat.getNumChildren();
        });
    }

    /**
     * The name of a child of {@code parentId} that is {@code name} or differs from it in letter case only (other than
     * {@code except}, the node's own name when it is renamed), if any: siblings' names differ in more than case, as
     * the tree's search and its readers take "Api" and "api" for one name.
     */
    Optional<String> siblingNamed(Long parentId, String name, String except) {
        return Zk.call("look up a sibling name", () -> {
            if (!name.equals(except) && client.checkExists().forPath(namePath(parentId, name)) != null) {
                return Optional.of(name);
            }
            String folded = name.toLowerCase(java.util.Locale.ROOT);
            try {
                return client.getChildren().forPath(childrenPath(parentId == null ? NO_PARENT : parentId)).stream()
                        .filter(sibling -> !sibling.equals(except))
                        .filter(sibling -> sibling.toLowerCase(java.util.Locale.ROOT).equals(folded)).findFirst();
            } catch (KeeperException.NoNodeException noChildren) {
                return Optional.empty();
            }
        });
    }

    Optional<Long> rootId() {
        List<Long> roots = childIds(NO_PARENT);
        return roots.isEmpty() ? Optional.empty() : Optional.of(roots.get(0));
    }

    Optional<ApplyResult> marker(String changeId) {
        return Zk.call("read the marker of change " + changeId, () -> {
            try {
                return Optional.of(Json.read(client.getData().forPath(markerPath(changeId)), ApplyResult.class));
            } catch (KeeperException.NoNodeException e) {
                return Optional.empty();
            }
        });
    }

    /** What lies under a node, read from ZooKeeper. */
    record Subtree(int height, boolean leafPayload, Impact impact, List<Long> ids) {
    }

    /**
     * Walks a node's subtree (the node included) breadth first, each node once: a child index that points back up (a
     * corrupted tree) ends the walk there instead of running on.
     */
    Subtree subtree(TreeNode top) {
        List<Long> ids = new ArrayList<>();
        Set<Long> seen = new HashSet<>(List.of(top.id()));
        List<String> servers = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        boolean leafPayload = false;
        int height = -1;
        List<TreeNode> level = List.of(top);
        while (!level.isEmpty()) {
            height++;
            List<TreeNode> next = new ArrayList<>();
            for (TreeNode node : level) {
                ids.add(node.id());
                node.servers().forEach(server -> servers.add(server.hostname()));
                urls.addAll(node.urls());
                leafPayload |= !node.servers().isEmpty() || !node.urls().isEmpty();
                for (long child : childIds(node.id())) {
                    if (seen.add(child)) {
                        read(child).ifPresent(stored -> next.add(stored.node()));
                    }
                }
            }
            level = next;
        }
        return new Subtree(height, leafPayload, new Impact(ids.size(), servers, urls), ids);
    }

    /** The data version of a znode, or empty when it does not exist. */
    Optional<Integer> version(String path) {
        return Zk.call("read the version of " + path, () -> {
            Stat stat = client.checkExists().forPath(path);
            return stat == null ? Optional.<Integer>empty() : Optional.of(stat.getVersion());
        });
    }

    /** The path of names from the root, given a chain from {@link #chain} (node first). */
    static String path(List<Stored> chain) {
        StringBuilder path = new StringBuilder();
        for (int i = chain.size() - 1; i >= 0; i--) {
            path.append('/').append(chain.get(i).node().name());
        }
        return path.toString();
    }

    static NodeView view(List<Stored> chain) {
        return new NodeView(chain.get(0).node(), path(chain), Level.atDepth(chain.size() - 1));
    }
}
