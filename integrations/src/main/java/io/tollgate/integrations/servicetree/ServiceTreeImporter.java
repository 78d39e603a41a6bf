package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bootstraps the tree from a JSON or YAML document into an empty tree; not audited: changes to an existing tree go
 * through {@link ServiceTreeChanges}.
 *
 * <p>The document is streamed twice and never held whole ({@link TreeDocument}): first every node is checked against
 * the tree's rules, and a document that breaks one is refused with the list of what is wrong before anything is
 * written; then the nodes are written in transactions of a few hundred nodes, children before their parent and the
 * root's name last. Until that last transaction the tree has no root, so nobody sees a half-imported tree as the
 * tree. An {@code import} record (the id range being written) lives while the import runs, and an ephemeral {@code
 * import-lock} keeps two instances from importing at once. If writing fails, what was written is removed, and the
 * error says how far it got; if the importing process dies, the next import removes the leftover range first.
 */
public final class ServiceTreeImporter {

    private static final Logger log = LoggerFactory.getLogger(ServiceTreeImporter.class);

    /**
     * Keeps each transaction far below ZooKeeper's 1 MB request limit, and small: a ZooKeeper server keeps its last
     * 500 transactions in memory (its committed log, 500 at the least), so with transactions of 256 KB a 100,000 node
     * import left about 120 MB more on the heap of an in-process server, and took twice as long.
     */
    private static final int MAX_BATCH_BYTES = 48 * 1024;
    private static final int MAX_BATCH_OPS = 300;
    /** A refusal lists this many violations at most, then how many more there are. */
    private static final int MAX_LISTED_VIOLATIONS = 50;
    private static final long LOG_EVERY_NODES = 10_000;

    /** Where an import stands. */
    public enum Phase { IDLE, CHECKING, WRITING, DONE, REFUSED, FAILED, SKIPPED }

    /**
     * What an import has done so far, for logs and for whoever started it.
     *
     * @param phase   where it stands
     * @param done    nodes checked (while checking) or written (while writing, and at the end)
     * @param total   nodes in the document, once known (0 before)
     * @param message what happened, for a person
     * @param at      when this was reported
     */
    public record Progress(Phase phase, long done, long total, String message, Instant at) {

        static Progress of(Phase phase, long done, long total, String message) {
            return new Progress(phase, done, total, message, Instant.now());
        }
    }

    /** A document to import, opened once to check it and once more to write it. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** The import could not finish; nothing of it is left in the tree unless the message says otherwise. */
    public static final class ImportFailedException extends RuntimeException {
        ImportFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final TreeStore store;
    private final IdAllocator ids;
    private final ServiceTreeView view;
    private volatile Progress progress = Progress.of(Phase.IDLE, 0, 0, "no import has run");

    public ServiceTreeImporter(CuratorFramework client, String rootPath) {
        this(client, rootPath, null);
    }

    /**
     * @param view the application's view of the tree, if any: it stops following while the import writes and loads
     *             the imported tree in one pass afterwards (following 100,000 creations one by one costs far more)
     */
    public ServiceTreeImporter(CuratorFramework client, String rootPath, ServiceTreeView view) {
        this.store = new TreeStore(client, rootPath);
        this.ids = new IdAllocator(store);
        this.view = view;
    }

    /** Parses a whole tree document at once (small documents, tests); imports stream instead. */
    public static TreeSpec read(InputStream in) {
        return TreeDocument.readWhole(in);
    }

    public boolean isEmpty() {
        store.ensureLayout();
        return store.rootId().isEmpty();
    }

    /** The last import's progress, or the running one's. */
    public Progress progress() {
        return progress;
    }

    /** Imports a tree given as records (tests, small trees). */
    public int importIfEmpty(TreeSpec root) {
        byte[] json = Json.write(root);
        return importIfEmpty(() -> new ByteArrayInputStream(json), ignored -> {
        });
    }

    /**
     * Imports the document if the tree has no root yet.
     *
     * @param progress told at each step (checked or written another few thousand nodes, done, refused, failed)
     * @return the number of nodes imported; 0 when the tree already had a root or another instance is importing
     * @throws IllegalArgumentException listing the rules the document breaks (nothing was written)
     * @throws ImportFailedException    when writing failed; the message says what was left
     */
    public int importIfEmpty(Source source, Consumer<Progress> progress) {
        Consumer<Progress> report = next -> {
            this.progress = next;
            progress.accept(next);
        };
        if (!isEmpty()) {
            report.accept(Progress.of(Phase.SKIPPED, 0, 0, "the service tree is not empty: nothing imported"));
            return 0;
        }
        Checked checked = check(source, report);
        if (!lock()) {
            report.accept(Progress.of(Phase.SKIPPED, 0, checked.nodes,
                    "another instance is importing the service tree: nothing imported here"));
            return 0;
        }
        try {
            if (!isEmpty()) {
                report.accept(Progress.of(Phase.SKIPPED, 0, checked.nodes,
                        "the service tree is not empty: nothing imported"));
                return 0;
            }
            if (view != null) {
                view.pause();
            }
            try {
                removeLeftover();
                return write(source, checked, report);
            } finally {
                if (view != null) {
                    view.resume();
                }
            }
        } finally {
            unlock();
        }
    }

    private record Checked(int nodes, String rootName) {
    }

    /** First pass: the rules, every node, nothing written. */
    private Checked check(Source source, Consumer<Progress> report) {
        report.accept(Progress.of(Phase.CHECKING, 0, 0, "checking the document"));
        Checker checker = new Checker(report);
        long nodes;
        try (InputStream in = source.open()) {
            nodes = TreeDocument.walk(in, checker);
        } catch (IOException e) {
            throw refused(report, "cannot read the service tree document: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw refused(report, e.getMessage(), e);
        }
        if (!checker.violations.isEmpty()) {
            int more = checker.violationCount - checker.violations.size();
            throw refused(report, "the service tree document breaks the rules: "
                    + String.join("; ", checker.violations)
                    + (more > 0 ? "; and " + more + " more" : ""), null);
        }
        if (nodes > TreeLimits.MAX_NODES) {
            throw refused(report, "the service tree document has " + nodes + " nodes; the tree holds at most "
                    + TreeLimits.MAX_NODES, null);
        }
        return new Checked((int) nodes, checker.rootName);
    }

    private IllegalArgumentException refused(Consumer<Progress> report, String message, Exception cause) {
        report.accept(Progress.of(Phase.REFUSED, 0, 0, message + " (nothing was imported)"));
        IllegalArgumentException refusal = new IllegalArgumentException(message);
        if (cause != null) {
            refusal.initCause(cause);
        }
        return refusal;
    }

    /** The rules of {@link TreeRules}, node by node; sibling names are remembered one open parent at a time. */
    private static final class Checker implements TreeDocument.Handler {

        private final Consumer<Progress> report;
        private final List<Set<String>> siblingNames = new ArrayList<>();
        private final List<String> violations = new ArrayList<>();
        private int violationCount;
        private String rootName;

        Checker(Consumer<Progress> report) {
            this.report = report;
            siblingNames.add(new HashSet<>());
        }

        @Override
        public void open(long index, int depth) {
            while (siblingNames.size() <= depth + 1) {
                siblingNames.add(null);
            }
            siblingNames.set(depth + 1, new HashSet<>());
            if (index > 0 && index % (LOG_EVERY_NODES * 5) == 0) {
                report.accept(Progress.of(Phase.CHECKING, index, 0, "checked " + index + " nodes"));
            }
        }

        @Override
        public void close(long index, long parentIndex, int depth, TreeSpec spec, String path) {
            siblingNames.set(depth + 1, null);
            Level level = Level.atDepth(depth);
            if (level == null) {
                if (depth == Level.values().length) {
                    violation(path + " is deeper than the IDC level");
                }
                return;
            }
            if (depth == 0) {
                rootName = spec.name();
            }
            TreeRules.name(spec.name()).ifPresent(v -> violation(path + ": " + v));
            TreeRules.owners(spec.owners()).ifPresent(v -> violation(path + ": " + v));
            TreeRules.attributes(spec.attributes()).ifPresent(v -> violation(path + ": " + v));
            TreeRules.servers(path, spec.servers()).ifPresent(this::violation);
            TreeRules.leafPayload(path, level, spec.servers(), spec.urls()).ifPresent(this::violation);
            TreeLimits.nodeBytes(path, Json.write(new TreeNode(0, spec.name(), null, spec.owners(), spec.servers(),
                    spec.urls(), spec.attributes())).length).ifPresent(this::violation);
            if (spec.name() != null && !siblingNames.get(depth).add(spec.name())) {
                violation(path.substring(0, path.lastIndexOf('/')) + " has two children named " + spec.name());
            }
            if (depth > 0 && siblingNames.get(depth).size() == TreeLimits.MAX_CHILDREN + 1) {
                violation(path.substring(0, path.lastIndexOf('/')) + " has more than " + TreeLimits.MAX_CHILDREN
                        + " children, the most one node may have");
            }
        }

        private void violation(String violation) {
            violationCount++;
            if (violations.size() < MAX_LISTED_VIOLATIONS) {
                violations.add(violation);
            }
        }
    }

    /** Second pass: transactions of a few hundred nodes, the root's name in the last one. */
    private int write(Source source, Checked checked, Consumer<Progress> report) {
        long first = ids.allocate(checked.nodes);
        Zk.call("record the service tree import", () -> store.client().create()
                .forPath(store.importPath(), Json.write(new ImportRecord(first, checked.nodes, Instant.now()))));
        report.accept(Progress.of(Phase.WRITING, 0, checked.nodes,
                "writing " + checked.nodes + " nodes (ids " + first + " to " + (first + checked.nodes - 1) + ")"));
        Writer writer = new Writer(first, checked.nodes, report);
        try (InputStream in = source.open()) {
            long walked = TreeDocument.walk(in, writer);
            if (walked != checked.nodes) {
                throw new IllegalStateException("the document changed while it was imported: " + checked.nodes
                        + " nodes when checked, " + walked + " when written");
            }
            writer.finish();
        } catch (IOException | RuntimeException e) {
            throw failed(report, writer, first, e);
        }
        report.accept(Progress.of(Phase.DONE, checked.nodes, checked.nodes,
                "imported " + checked.nodes + " nodes, root '" + checked.rootName + "'"));
        return checked.nodes;
    }

    private ImportFailedException failed(Consumer<Progress> report, Writer writer, long first, Exception cause) {
        String what = "the service tree import failed after writing " + writer.committed + " of " + writer.total
                + " nodes: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
        String outcome;
        try {
            removeRange(first, writer.opened);
            Zk.call("remove the import record", () -> {
                store.client().delete().quietly().forPath(store.importPath());
                return null;
            });
            outcome = "; the nodes it wrote were removed, the tree is empty again";
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
            outcome = "; the nodes it wrote could not be removed now (" + cleanup.getMessage()
                    + "): they have no root, so the tree still counts as empty, and the next import removes them";
        }
        report.accept(Progress.of(Phase.FAILED, writer.committed, writer.total, what + outcome));
        return new ImportFailedException(what + outcome, cause);
    }

    /** Writes what {@link TreeDocument} reports: each node's child index when it opens, the node when it closes. */
    private final class Writer implements TreeDocument.Handler {

        private final long first;
        private final int total;
        private final Consumer<Progress> report;
        private final TransactionOp op = store.client().transactionOp();
        private final List<CuratorOp> batch = new ArrayList<>();
        private int bytes;
        private long opened;
        private long written;
        private long committed;
        private long nextLog = LOG_EVERY_NODES;

        Writer(long first, int total, Consumer<Progress> report) {
            this.first = first;
            this.total = total;
            this.report = report;
        }

        @Override
        public void open(long index, int depth) {
            if (index >= total) {
                throw new IllegalStateException("the document changed while it was imported: more than " + total
                        + " nodes");
            }
            opened = index + 1;
            add(op(() -> op.create().forPath(store.childrenPath(first + index))), 64);
        }

        @Override
        public void close(long index, long parentIndex, int depth, TreeSpec spec, String path) {
            long id = first + index;
            Long parentId = parentIndex < 0 ? null : first + parentIndex;
            byte[] data = Json.write(new TreeNode(id, spec.name(), parentId, spec.owners(), spec.servers(),
                    spec.urls(), spec.attributes()));
            add(op(() -> op.create().forPath(store.nodePath(id), data)), data.length + 64);
            add(op(() -> op.create().forPath(store.namePath(parentId, spec.name()),
                    Long.toString(id).getBytes(StandardCharsets.UTF_8))), 64);
            written++;
            if (depth > 0 && (batch.size() >= MAX_BATCH_OPS || bytes > MAX_BATCH_BYTES)) {
                commit();
            }
        }

        /** The last transaction: the root's name (in the batch since the root closed last) and the record's end. */
        void finish() {
            add(op(() -> op.delete().forPath(store.importPath())), 64);
            commit();
            log.info("service tree import: wrote {} of {} nodes", committed, total);
        }

        private void add(CuratorOp next, int size) {
            batch.add(next);
            bytes += size;
        }

        private void commit() {
            Zk.call("write service tree nodes", () -> store.client().transaction().forOperations(batch));
            batch.clear();
            bytes = 0;
            committed = written;
            if (committed >= nextLog || committed == total) {
                nextLog = committed + LOG_EVERY_NODES;
                report.accept(Progress.of(Phase.WRITING, committed, total,
                        "wrote " + committed + " of " + total + " nodes"));
            }
        }
    }

    private interface OpMaker {
        CuratorOp make() throws Exception;
    }

    private static CuratorOp op(OpMaker maker) {
        return Zk.call("prepare a service tree write", maker::make);
    }

    /** The id range an import is writing; exists only while it runs (or after it died). */
    record ImportRecord(long firstId, int count, Instant startedAt) {
    }

    private boolean lock() {
        return Zk.call("lock the service tree import", () -> {
            try {
                store.client().create().withMode(CreateMode.EPHEMERAL).forPath(store.importLockPath());
                return true;
            } catch (KeeperException.NodeExistsException another) {
                return false;
            }
        });
    }

    private void unlock() {
        try {
            Zk.call("unlock the service tree import", () -> {
                store.client().delete().quietly().forPath(store.importLockPath());
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("could not remove the service tree import lock; it goes with this session", e);
        }
    }

    /** Removes what an import that died while writing left (it has no root, so nobody reads it as the tree). */
    private void removeLeftover() {
        Optional<ImportRecord> leftover = Zk.call("read the import record", () -> {
            try {
                return Optional.of(Json.read(store.client().getData().forPath(store.importPath()),
                        ImportRecord.class));
            } catch (KeeperException.NoNodeException none) {
                return Optional.empty();
            }
        });
        leftover.ifPresent(record -> {
            log.warn("an earlier service tree import started at {} did not finish; removing the {} nodes it may "
                    + "have written (ids {} to {})", record.startedAt(), record.count(), record.firstId(),
                    record.firstId() + record.count() - 1);
            removeRange(record.firstId(), record.count());
            Zk.call("remove the import record", () -> {
                store.client().delete().quietly().forPath(store.importPath());
                return null;
            });
        });
    }

    private void removeRange(long first, long count) {
        Zk.call("remove a partly imported tree", () -> {
            CuratorFramework client = store.client();
            for (long id = first; id < first + count; id++) {
                client.delete().quietly().deletingChildrenIfNeeded().forPath(store.childrenPath(id));
                client.delete().quietly().forPath(store.nodePath(id));
            }
            return null;
        });
    }
}
