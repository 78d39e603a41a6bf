package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.zookeeper.KeeperException;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Bootstraps the tree from a JSON or YAML document, in transactions of a few hundred nodes. It only writes into an
 * empty tree, so a second instance starting at the same time, or a restart, does not import twice. Not audited:
 * changes to an existing tree go through {@link ServiceTreeChanges}.
 */
public final class ServiceTreeImporter {

    /** Keeps each transaction far below ZooKeeper's 1 MB request limit. */
    private static final int MAX_BATCH_BYTES = 256 * 1024;
    private static final int MAX_BATCH_OPS = 900;

    private final TreeStore store;
    private final IdAllocator ids;

    public ServiceTreeImporter(CuratorFramework client, String rootPath) {
        this.store = new TreeStore(client, rootPath);
        this.ids = new IdAllocator(store);
    }

    /** Parses a tree document; YAML is a superset of JSON, so both are read alike. */
    public static TreeSpec read(InputStream in) {
        return Json.readYamlOrJson(in, TreeSpec.class);
    }

    public boolean isEmpty() {
        store.ensureLayout();
        return store.rootId().isEmpty();
    }

    /**
     * Imports {@code root} if the tree has no root yet.
     *
     * @return the number of nodes imported, 0 when the tree already had a root
     * @throws IllegalArgumentException listing every rule the document breaks
     */
    public int importIfEmpty(TreeSpec root) {
        List<String> violations = new ArrayList<>();
        check(root, "", 0, violations);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("the service tree document breaks the rules: "
                    + String.join("; ", violations));
        }
        if (!isEmpty()) {
            return 0;
        }
        List<Pending> nodes = flatten(root);
        long first = ids.allocate(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            nodes.get(i).id = first + i;
        }
        return Zk.call("import the service tree", () -> {
            TransactionOp op = store.client().transactionOp();
            List<CuratorOp> batch = new ArrayList<>();
            int bytes = 0;
            boolean firstBatch = true;
            for (Pending pending : nodes) {
                TreeSpec spec = pending.spec;
                Long parentId = pending.parent == null ? null : pending.parent.id;
                byte[] data = Json.write(new TreeNode(pending.id, spec.name(), parentId, spec.owners(),
                        spec.servers(), spec.urls(), spec.attributes()));
                batch.add(op.create().forPath(store.nodePath(pending.id), data));
                batch.add(op.create().forPath(store.childrenPath(pending.id)));
                batch.add(op.create().forPath(store.namePath(parentId, spec.name()),
                        Long.toString(pending.id).getBytes(StandardCharsets.UTF_8)));
                bytes += data.length + 3 * 64;
                if (bytes > MAX_BATCH_BYTES || batch.size() >= MAX_BATCH_OPS) {
                    if (!commit(batch, firstBatch)) {
                        return 0;
                    }
                    firstBatch = false;
                    batch.clear();
                    bytes = 0;
                }
            }
            if (!batch.isEmpty() && !commit(batch, firstBatch)) {
                return 0;
            }
            return nodes.size();
        });
    }

    /** Commits a batch; false when the first one finds a root already there (another instance imported). */
    private boolean commit(List<CuratorOp> batch, boolean firstBatch) throws Exception {
        try {
            store.client().transaction().forOperations(batch);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            if (firstBatch) {
                return false;
            }
            throw e;
        }
    }

    private static final class Pending {
        final TreeSpec spec;
        final Pending parent;
        long id;

        Pending(TreeSpec spec, Pending parent) {
            this.spec = spec;
            this.parent = parent;
        }
    }

    /** Breadth first, so parents are created before their children. */
    private static List<Pending> flatten(TreeSpec root) {
        List<Pending> nodes = new ArrayList<>();
        Deque<Pending> pending = new ArrayDeque<>(List.of(new Pending(root, null)));
        while (!pending.isEmpty()) {
            Pending next = pending.poll();
            nodes.add(next);
            next.spec.children().forEach(child -> pending.add(new Pending(child, next)));
        }
        return nodes;
    }

    private static void check(TreeSpec spec, String parentPath, int depth, List<String> violations) {
        String path = parentPath + "/" + spec.name();
        Level level = Level.atDepth(depth);
        if (level == null) {
            violations.add(path + " is deeper than the IDC level");
            return;
        }
        TreeRules.name(spec.name()).ifPresent(v -> violations.add(path + ": " + v));
        TreeRules.owners(spec.owners()).ifPresent(v -> violations.add(path + ": " + v));
        TreeRules.attributes(spec.attributes()).ifPresent(v -> violations.add(path + ": " + v));
        TreeRules.servers(path, spec.servers()).ifPresent(violations::add);
        TreeRules.leafPayload(path, level, spec.servers(), spec.urls()).ifPresent(violations::add);
        Set<String> names = new HashSet<>();
        for (TreeSpec child : spec.children()) {
            if (!names.add(child.name())) {
                violations.add(path + " has two children named " + child.name());
            }
            check(child, path, depth + 1, violations);
        }
    }
}
