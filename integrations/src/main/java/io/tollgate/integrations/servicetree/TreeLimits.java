package io.tollgate.integrations.servicetree;

import java.util.Optional;

import io.tollgate.integrations.zookeeper.ZooKeeperReplies;

/**
 * How big the service tree may grow, so that no ZooKeeper reply Tollgate relies on outgrows what its client accepts
 * ({@link ZooKeeperReplies#MAX_REPLY_BYTES}; ZooKeeper's own default, {@code jute.maxbuffer}, is 1 MB, which a
 * listing of about 100,000 node ids already exceeds). Two listings grow with the tree, each read in one reply:
 * <ul>
 *   <li>the {@code nodes} znode, one child per node (the view's cache lists it at start): about 4 bytes plus the id's
 *   digits a node, so {@link #MAX_NODES} ids of up to 10 digits take 14 MB;</li>
 *   <li>a node's name index, one child per child node: 4 bytes plus the name in UTF-8 (at most 128 characters of up
 *   to 4 bytes), so {@link #MAX_CHILDREN} children take at most 10.3 MB.</li>
 * </ul>
 * An import or a change that would go beyond either is refused with the limit in its message (ADR 0017).
 * <p>
 * What one write carries is bounded too: ZooKeeper refuses a request larger than its {@code jute.maxbuffer} (1 MB by
 * default) by closing the connection, so a change that wrote more would never apply and would cut Tollgate off from
 * ZooKeeper at every retry. A node's data (owners, servers, URLs, attributes) is at most {@link #MAX_NODE_BYTES},
 * the nodes one change writes together at most {@link #MAX_CHANGE_BYTES}; both are checked when the change is
 * validated (and an import when it is checked), well before anything reaches ZooKeeper.
 */
public final class TreeLimits {

    /** The most nodes the tree holds. */
    public static final int MAX_NODES = 1_000_000;
    /** The most children one node has. */
    public static final int MAX_CHILDREN = 20_000;
    /** The most bytes one node's data takes, as stored (JSON, UTF-8). */
    public static final int MAX_NODE_BYTES = 256 * 1024;
    /** The most bytes of node data one change writes in its one transaction. */
    public static final int MAX_CHANGE_BYTES = 512 * 1024;

    private TreeLimits() {
    }

    /** A violation when a node that has {@code children} children now cannot take one more. */
    static Optional<String> roomForChild(String parentPath, int children) {
        return children < MAX_CHILDREN ? Optional.empty() : Optional.of(parentPath + " has " + children
                + " children, the most one node may have (" + MAX_CHILDREN + "): group them under new nodes first");
    }

    /** A violation when the node at {@code path} would take {@code bytes} as stored. */
    static Optional<String> nodeBytes(String path, int bytes) {
        return bytes <= MAX_NODE_BYTES ? Optional.empty() : Optional.of(path + " would hold " + kib(bytes)
                + " of owners, servers, URLs and attributes, more than a node may (" + kib(MAX_NODE_BYTES) + ")");
    }

    /** A violation when one change would write {@code bytes} of node data. */
    static Optional<String> changeBytes(int bytes) {
        return bytes <= MAX_CHANGE_BYTES ? Optional.empty() : Optional.of("the change would write " + kib(bytes)
                + " of node data at once, more than one change may (" + kib(MAX_CHANGE_BYTES)
                + "): split it into smaller changes");
    }

    private static String kib(int bytes) {
        return (bytes + 1023) / 1024 + " KiB";
    }

    /** A violation when a tree of {@code nodes} nodes cannot take one more. */
    static Optional<String> roomForNode(int nodes) {
        return nodes < MAX_NODES ? Optional.empty() : Optional.of("the service tree has " + nodes
                + " nodes, the most it may hold (" + MAX_NODES + ")");
    }
}
