package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.TransactionOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audited change cycle of the service tree: {@link #validate} takes a snapshot and a plan, {@link #apply}
 * executes the plan as one ZooKeeper transaction guarded by the versions the validation read and by an idempotency
 * marker, {@link #verify} reads the result back. Thread-safe; every method may be called from a retried job.
 */
public final class ServiceTreeChanges {

    private static final byte[] NO_DATA = new byte[0];

    private final TreeStore store;
    private final IdAllocator ids;
    private final ServiceTreeView view;
    private final Clock clock;

    /** Computes impacts by walking ZooKeeper. */
    public ServiceTreeChanges(CuratorFramework client, String rootPath) {
        this(client, rootPath, null, Clock.systemUTC());
    }

    /** Computes impacts from the read cache (which follows ZooKeeper) instead of walking ZooKeeper. */
    public ServiceTreeChanges(CuratorFramework client, String rootPath, ServiceTreeView view) {
        this(client, rootPath, view, Clock.systemUTC());
    }

    ServiceTreeChanges(CuratorFramework client, String rootPath, ServiceTreeView view, Clock clock) {
        this.store = new TreeStore(client, rootPath);
        this.ids = new IdAllocator(store);
        this.view = view;
        this.clock = clock;
    }

    /**
     * Validates a change against the current tree and snapshots it. Rule violations come back in the plan, never as
     * exceptions.
     *
     * @throws ServiceTreeUnavailableException when ZooKeeper cannot be reached (retry)
     */
    public ChangePlan validate(ServiceTreeChange change) {
        Draft draft = new Draft(change);
        try {
            validate(change, draft);
        } catch (CorruptedTreeException corrupted) {
            draft.violation(corrupted.getMessage() + "; repair it in ZooKeeper before changing this part of the tree");
        }
        return draft.plan();
    }

    private void validate(ServiceTreeChange change, Draft draft) {
        TreeRules.changeId(change.meta().changeId()).ifPresent(draft::violation);
        if (change.meta().requester().isBlank()) {
            draft.violation("a requester is required");
        }
        if (change.meta().reason().isBlank()) {
            draft.violation("a reason is required");
        }
        List<TreeStore.Stored> chain = store.chain(change.nodeId());
        if (chain.isEmpty()) {
            draft.violation("node " + change.nodeId() + " does not exist");
            return;
        }
        draft.read(chain);
        NodeView target = TreeStore.view(chain);
        if (change instanceof ServiceTreeChange.Create create) {
            planCreate(draft, target, create);
        } else {
            draft.before(target);
            draft.critical(target.level().top());
            draft.impact(impactOf(target.node()));
            planUpdate(draft, chain, target, change);
        }
    }

    private void planUpdate(Draft draft, List<TreeStore.Stored> chain, NodeView target, ServiceTreeChange change) {
        TreeNode node = target.node();
        if (change instanceof ServiceTreeChange.Rename rename) {
            planRename(draft, target, rename.newName());
        } else if (change instanceof ServiceTreeChange.Move move) {
            planMove(draft, chain, target, move.newParentId());
        } else if (change instanceof ServiceTreeChange.Delete) {
            draft.critical(true);
            store.version(store.childrenPath(node.id())).ifPresent(v -> draft.read(store.childrenPath(node.id()), v));
            TreeRules.deletable(target, store.childCount(node.id())).ifPresent(draft::violation);
        } else if (change instanceof ServiceTreeChange.BindServers bind) {
            planBind(draft, target, bind.servers());
        } else if (change instanceof ServiceTreeChange.UnbindServers unbind) {
            requireBound(draft, target, unbind.hostnames());
            List<Server> kept = node.servers().stream()
                    .filter(server -> !unbind.hostnames().contains(server.hostname())).toList();
            draft.after(target, node.withServers(kept));
        } else if (change instanceof ServiceTreeChange.SetTrafficRatios ratios) {
            requireBound(draft, target, ratios.ratios().keySet());
            List<Server> servers = node.servers().stream()
                    .map(s -> ratios.ratios().containsKey(s.hostname())
                            ? s.withTrafficRatio(ratios.ratios().get(s.hostname())) : s)
                    .toList();
            TreeRules.servers(target.path(), servers).ifPresent(draft::violation);
            draft.after(target, node.withServers(servers));
        } else if (change instanceof ServiceTreeChange.SetOwners owners) {
            List<String> newOwners = owners.owners() == null ? List.of() : owners.owners();
            TreeRules.owners(newOwners).ifPresent(draft::violation);
            draft.after(target, node.withOwners(newOwners));
        } else if (change instanceof ServiceTreeChange.SetAttributes attributes) {
            Map<String, String> newAttributes = attributes.attributes() == null ? Map.of() : attributes.attributes();
            TreeRules.attributes(newAttributes).ifPresent(draft::violation);
            draft.after(target, node.withAttributes(newAttributes));
        }
    }

    private static void requireBound(Draft draft, NodeView target, Collection<String> hostnames) {
        Set<String> bound = target.node().servers().stream().map(Server::hostname).collect(Collectors.toSet());
        hostnames.stream().filter(host -> !bound.contains(host)).forEach(
                host -> draft.violation(host + " is not bound to " + target.path()));
    }

    private void planCreate(Draft draft, NodeView parent, ServiceTreeChange.Create create) {
        List<String> owners = create.owners() == null ? List.of() : create.owners();
        Map<String, String> attributes = create.attributes() == null ? Map.of() : create.attributes();
        TreeRules.childLevel(parent.path(), parent.level()).ifPresent(draft::violation);
        TreeRules.name(create.name()).ifPresent(draft::violation);
        TreeRules.owners(owners).ifPresent(draft::violation);
        TreeRules.attributes(attributes).ifPresent(draft::violation);
        if (draft.violations.isEmpty()) {
            store.siblingNamed(parent.node().id(), create.name(), null)
                    .ifPresent(taken -> draft.violation(taken(parent.path(), taken, create.name())));
        }
        if (draft.violations.isEmpty()) {
            TreeLimits.roomForChild(parent.path(), store.childCount(parent.node().id())).ifPresent(draft::violation);
            TreeLimits.roomForNode(store.nodeCount()).ifPresent(draft::violation);
        }
        if (!draft.violations.isEmpty()) {
            return;
        }
        Level level = Level.atDepth(parent.level().ordinal() + 1);
        TreeNode node = new TreeNode(ids.allocate(1), create.name(), parent.node().id(), owners, List.of(), List.of(),
                attributes);
        draft.after(new NodeView(node, parent.path() + "/" + create.name(), level));
        draft.critical(level.top());
        draft.impact(Impact.none());
    }

    /** "/a already has a child named x", and when the names differ in letter case only, that they may not. */
    private static String taken(String parentPath, String existing, String wanted) {
        return parentPath + " already has a child named " + existing + (existing.equals(wanted) ? ""
                : " (names of siblings must differ in more than letter case)");
    }

    private void planRename(Draft draft, NodeView target, String newName) {
        Optional<String> invalid = TreeRules.name(newName);
        if (invalid.isPresent()) {
            draft.violation(invalid.get());
            return;
        }
        if (!newName.equals(target.node().name())) {
            store.siblingNamed(target.node().parentId(), newName, target.node().name())
                    .ifPresent(taken -> draft.violation(taken(parentPath(target), taken, newName)));
        }
        draft.after(new NodeView(target.node().withName(newName), parentPath(target) + "/" + newName,
                target.level()));
    }

    private void planMove(Draft draft, List<TreeStore.Stored> chain, NodeView target, long newParentId) {
        List<TreeStore.Stored> destinationChain = store.chain(newParentId);
        if (destinationChain.isEmpty()) {
            draft.violation("destination node " + newParentId + " does not exist");
            return;
        }
        // the destination's versions are read, its owners are no approvers: the moved node's own owners decide (its
        // chain's, read above), and a move into another owner's part of the tree needs an SRE too (below)
        draft.readVersions(destinationChain);
        NodeView destination = TreeStore.view(destinationChain);
        List<Long> destinationLine = destinationChain.stream().map(s -> s.node().id()).toList();
        Level newLevel = Level.atDepth(destination.level().ordinal() + 1);
        int height = 0;
        boolean leafPayload = false;
        if (newLevel != target.level() && !destinationLine.contains(target.node().id())) {
            // the subtree changes level: it must still fit, and nobody may add to it before the apply
            TreeStore.Subtree subtree = store.subtree(target.node());
            height = subtree.height();
            leafPayload = subtree.leafPayload();
            for (long id : subtree.ids()) {
                String index = store.childrenPath(id);
                store.version(index).ifPresent(v -> draft.read(index, v));
            }
        }
        Optional<String> invalid = TreeRules.move(target, destination, destinationLine, height, leafPayload);
        if (invalid.isPresent()) {
            draft.violation(invalid.get());
            return;
        }
        store.siblingNamed(newParentId, target.node().name(), null)
                .ifPresent(taken -> draft.violation(taken(destination.path(), taken, target.node().name())));
        TreeLimits.roomForChild(destination.path(), store.childCount(newParentId)).ifPresent(draft::violation);
        long fromLine = productLine(chain);
        long toLine = destinationChain.size() >= 2 ? productLine(destinationChain) : target.node().id();
        java.util.Set<String> ownersHere = new java.util.HashSet<>();
        chain.forEach(stored -> ownersHere.addAll(stored.node().owners()));
        boolean intoOtherOwners = destinationChain.stream().flatMap(stored -> stored.node().owners().stream())
                .anyMatch(owner -> !ownersHere.contains(owner));
        draft.critical(newLevel == null || newLevel.top() || fromLine != toLine || intoOtherOwners);
        draft.after(new NodeView(target.node().withParentId(newParentId),
                destination.path() + "/" + target.node().name(), newLevel));
    }

    private void planBind(Draft draft, NodeView target, List<Server> servers) {
        if (target.level() != Level.IDC) {
            draft.violation(target.path() + " is a " + TreeRules.describe(target.level())
                    + ": servers can only be bound to an IDC");
            return;
        }
        Set<String> bound = target.node().servers().stream().map(Server::hostname).collect(Collectors.toSet());
        servers.stream().filter(s -> bound.contains(s.hostname())).forEach(
                s -> draft.violation(s.hostname() + " is already bound to " + target.path()));
        List<Server> all = new ArrayList<>(target.node().servers());
        all.addAll(servers);
        TreeRules.servers(target.path(), all).ifPresent(draft::violation);
        draft.after(target, target.node().withServers(all));
    }

    /** The id of the product line a chain (node first, root last) lies in. */
    private static long productLine(List<TreeStore.Stored> chain) {
        return chain.get(Math.max(0, chain.size() - 2)).node().id();
    }

    private static String parentPath(NodeView view) {
        return view.path().substring(0, view.path().lastIndexOf('/'));
    }

    private Impact impactOf(TreeNode node) {
        return view != null ? view.impact(node.id()) : store.subtree(node).impact();
    }

    /**
     * Applies a validated plan as one transaction: version checks of every znode the validation read, the writes,
     * and the change's idempotency marker. Applying a change id a second time returns the first result, marked
     * {@link ApplyResult#replayed()}; a tree that changed since the validation gives {@link
     * ApplyResult.Outcome#CONFLICT}.
     *
     * @throws IllegalArgumentException        for a plan with violations
     * @throws ServiceTreeUnavailableException when ZooKeeper cannot be reached: retry with the same plan
     */
    public ApplyResult apply(ChangePlan plan) {
        if (!plan.valid()) {
            throw new IllegalArgumentException("change " + plan.changeId() + " is not valid: " + plan.violations());
        }
        store.ensureLayout();
        String changeId = plan.changeId();
        Optional<ApplyResult> earlier = store.marker(changeId);
        if (earlier.isPresent()) {
            return earlier.get().asReplay();
        }
        ApplyResult applied = new ApplyResult(changeId, ApplyResult.Outcome.APPLIED, false, clock.instant(), "");
        return Zk.call("apply change " + changeId, () -> {
            Transaction transaction = new Transaction(store, plan);
            Optional<String> tooLarge = TreeLimits.changeBytes(transaction.nodeBytes);
            if (tooLarge.isPresent()) {
                // a plan validated before the limits: ZooKeeper would drop the connection at every attempt
                return new ApplyResult(changeId, ApplyResult.Outcome.CONFLICT, false, null,
                        tooLarge.get() + "; withdraw it");
            }
            transaction.add(store.client().transactionOp().create()
                            .forPath(store.markerPath(changeId), Json.write(applied)),
                    "change " + changeId + " was applied meanwhile");
            try {
                store.client().transaction().forOperations(transaction.ops);
                return applied;
            } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException
                     | KeeperException.OperationTimeoutException unavailable) {
                throw unavailable;
            } catch (KeeperException failed) {
                Optional<ApplyResult> first = store.marker(changeId);
                if (first.isPresent()) {
                    return first.get().asReplay();
                }
                return new ApplyResult(changeId, ApplyResult.Outcome.CONFLICT, false, null,
                        "the tree changed since the validation: " + transaction.explain(failed)
                                + "; validate the change again or withdraw it");
            }
        });
    }

    /**
     * What applying the change now would answer if it was applied already: its first result, marked {@link
     * ApplyResult#replayed()}; empty when it was not applied (or its marker was purged).
     *
     * @throws ServiceTreeUnavailableException when ZooKeeper cannot be reached
     */
    public Optional<ApplyResult> appliedResult(String changeId) {
        return store.marker(changeId).map(ApplyResult::asReplay);
    }

    /** Reads the changed nodes back, with their versions, for the audit record. */
    public Verification verify(ChangePlan plan) {
        Map<Long, NodeView> planned = new LinkedHashMap<>();
        plan.after().forEach(after -> planned.put(after.node().id(), after));
        Set<Long> changed = new LinkedHashSet<>();
        plan.before().forEach(before -> changed.add(before.node().id()));
        changed.addAll(planned.keySet());
        List<NodeView> now = new ArrayList<>();
        List<ZnodeVersion> versions = new ArrayList<>();
        boolean matches = true;
        for (long id : changed) {
            List<TreeStore.Stored> chain;
            try {
                chain = store.chain(id);
            } catch (CorruptedTreeException corrupted) {
                chain = List.of(); // not where the plan put it: recorded as not matching
            }
            NodeView current = chain.isEmpty() ? null : TreeStore.view(chain);
            if (current != null) {
                now.add(current);
            }
            versions.add(new ZnodeVersion(store.nodePath(id), chain.isEmpty() ? -1 : chain.get(0).version()));
            matches &= Objects.equals(current, planned.get(id));
        }
        return new Verification(plan.changeId(), plan.before(), now, versions, matches, clock.instant());
    }

    /**
     * Deletes the idempotency markers of changes applied before {@code appliedBefore}. A change whose marker is gone
     * would be applied again if its plan were applied again, so keep markers longer than any job can be retried
     * (Camunda's retries and lock timeouts).
     *
     * @return how many markers were deleted
     */
    public int forgetAppliedBefore(Instant appliedBefore) {
        return Zk.call("purge change markers", () -> {
            int deleted = 0;
            List<String> markers;
            try {
                markers = store.client().getChildren().forPath(store.markersPath());
            } catch (KeeperException.NoNodeException e) {
                return 0;
            }
            for (String changeId : markers) {
                Stat stat = store.client().checkExists().forPath(store.markerPath(changeId));
                if (stat != null && stat.getCtime() < appliedBefore.toEpochMilli()) {
                    try {
                        store.client().delete().forPath(store.markerPath(changeId));
                        deleted++;
                    } catch (KeeperException.NoNodeException alreadyGone) {
                        // purged by another instance
                    }
                }
            }
            return deleted;
        });
    }

    /** The operations of one apply, each with what its failure means to the requester. */
    private static final class Transaction {

        final List<CuratorOp> ops = new ArrayList<>();
        /** The node data the transaction writes, in bytes. */
        int nodeBytes;
        private final List<String> meanings = new ArrayList<>();
        private final TreeStore store;
        private final TransactionOp op;

        Transaction(TreeStore store, ChangePlan plan) throws Exception {
            this.store = store;
            this.op = store.client().transactionOp();
            Map<String, Integer> reads = new LinkedHashMap<>();
            plan.reads().forEach(read -> reads.put(read.path(), read.version()));
            Map<Long, TreeNode> before = new LinkedHashMap<>();
            plan.before().forEach(view -> before.put(view.node().id(), view.node()));
            Map<Long, TreeNode> after = new LinkedHashMap<>();
            plan.after().forEach(view -> after.put(view.node().id(), view.node()));
            Set<Long> changed = new LinkedHashSet<>(before.keySet());
            changed.addAll(after.keySet());

            Set<String> written = new HashSet<>();
            for (long id : changed) {
                written.add(store.nodePath(id));
                if (!after.containsKey(id)) {
                    written.add(store.childrenPath(id)); // deleted with the version read
                }
            }
            for (Map.Entry<String, Integer> read : reads.entrySet()) {
                if (!written.contains(read.getKey())) {
                    add(op.check().withVersion(read.getValue()).forPath(read.getKey()),
                            describe(read.getKey()) + " changed");
                }
            }
            for (long id : changed) {
                write(before.get(id), after.get(id), reads);
            }
        }

        private void write(TreeNode before, TreeNode after, Map<String, Integer> reads) throws Exception {
            long id = (after != null ? after : before).id();
            String nodePath = store.nodePath(id);
            String childrenPath = store.childrenPath(id);
            String gone = "node " + id + " changed or was removed";
            if (before == null) {
                add(op.create().forPath(nodePath, data(after)), "node " + id + " exists already");
                add(op.create().forPath(childrenPath, NO_DATA), "node " + id + " exists already");
                link(after);
            } else if (after == null) {
                add(op.delete().withVersion(reads.getOrDefault(nodePath, -1)).forPath(nodePath), gone);
                add(op.delete().withVersion(reads.getOrDefault(childrenPath, -1)).forPath(childrenPath),
                        before.name() + " got children");
                unlink(before);
            } else {
                add(op.setData().withVersion(reads.getOrDefault(nodePath, -1)).forPath(nodePath, data(after)),
                        gone);
                if (!before.name().equals(after.name()) || !Objects.equals(before.parentId(), after.parentId())) {
                    unlink(before);
                    link(after);
                }
            }
        }

        private byte[] data(TreeNode node) {
            byte[] data = Json.write(node);
            nodeBytes += data.length;
            return data;
        }

        /** Adds a node to its parent's name index and bumps the index's version. */
        private void link(TreeNode node) throws Exception {
            String parentIndex = store.childrenPath(parentOf(node));
            add(op.create().forPath(store.namePath(node.parentId(), node.name()),
                    Long.toString(node.id()).getBytes(StandardCharsets.UTF_8)),
                    "a node named " + node.name() + " was created under the same parent meanwhile");
            add(op.setData().forPath(parentIndex, NO_DATA), "the parent node " + parentOf(node) + " was removed");
        }

        private void unlink(TreeNode node) throws Exception {
            String parentIndex = store.childrenPath(parentOf(node));
            add(op.delete().forPath(store.namePath(node.parentId(), node.name())), node.name() + " was moved or renamed");
            add(op.setData().forPath(parentIndex, NO_DATA), "the parent node " + parentOf(node) + " was removed");
        }

        private static long parentOf(TreeNode node) {
            return node.parentId() == null ? TreeStore.NO_PARENT : node.parentId();
        }

        private String describe(String path) {
            return path.startsWith(store.nodesPath())
                    ? "node " + TreeStore.idOf(path)
                    : "the children of node " + TreeStore.idOf(path);
        }

        void add(CuratorOp curatorOp, String meaning) {
            ops.add(curatorOp);
            meanings.add(meaning);
        }

        /** The first operation that failed, in the requester's words. */
        String explain(KeeperException failed) {
            List<OpResult> results = failed.getResults();
            if (results != null) {
                for (int i = 0; i < results.size() && i < meanings.size(); i++) {
                    if (results.get(i) instanceof OpResult.ErrorResult error
                            && error.getErr() != KeeperException.Code.OK.intValue()
                            && error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                        return meanings.get(i);
                    }
                }
            }
            return "a node it relies on changed";
        }
    }

    /** What a validation collects. */
    private final class Draft {

        final List<String> violations = new ArrayList<>();
        private final ServiceTreeChange change;
        private final List<NodeView> before = new ArrayList<>();
        private final List<NodeView> after = new ArrayList<>();
        private final Map<String, Integer> reads = new LinkedHashMap<>();
        private final Set<String> approvers = new LinkedHashSet<>();
        private boolean critical;
        private Impact impact = Impact.none();

        Draft(ServiceTreeChange change) {
            this.change = change;
        }

        void violation(String message) {
            violations.add(message);
        }

        void read(List<TreeStore.Stored> chain) {
            readVersions(chain);
            approversFrom(chain);
        }

        void readVersions(List<TreeStore.Stored> chain) {
            chain.forEach(stored -> reads.put(store.nodePath(stored.node().id()), stored.version()));
        }

        void read(String path, int version) {
            reads.put(path, version);
        }

        void approversFrom(List<TreeStore.Stored> chain) {
            chain.forEach(stored -> approvers.addAll(stored.node().owners()));
        }

        void before(NodeView view) {
            before.add(view);
        }

        void after(NodeView view) {
            after.add(view);
        }

        void after(NodeView target, TreeNode changed) {
            after.add(new NodeView(changed, target.path(), target.level()));
        }

        void critical(boolean isCritical) {
            critical |= isCritical;
        }

        void impact(Impact subtree) {
            impact = subtree;
        }

        ChangePlan plan() {
            if (violations.isEmpty() && before.equals(after)) {
                violations.add("the change would not change anything");
            }
            if (violations.isEmpty()) {
                int written = 0;
                for (NodeView view : after) {
                    int bytes = Json.write(view.node()).length;
                    TreeLimits.nodeBytes(view.path(), bytes).ifPresent(violations::add);
                    written += bytes;
                }
                if (violations.isEmpty()) { // a node over its limit says enough
                    TreeLimits.changeBytes(written).ifPresent(violations::add);
                }
            }
            approvers.remove("user:" + change.meta().requester());
            boolean ok = violations.isEmpty();
            return new ChangePlan(change, violations, ok ? before : List.of(), ok ? after : List.of(),
                    ok ? PlanDiff.unified(before, after) : "", ok ? List.copyOf(toVersions()) : List.of(),
                    List.copyOf(approvers), critical, impact);
        }

        private List<ZnodeVersion> toVersions() {
            return reads.entrySet().stream().map(e -> new ZnodeVersion(e.getKey(), e.getValue())).toList();
        }
    }
}
