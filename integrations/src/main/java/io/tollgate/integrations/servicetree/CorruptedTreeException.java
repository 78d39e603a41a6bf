package io.tollgate.integrations.servicetree;

/**
 * The tree in ZooKeeper is not a tree where a walk went: a parent chain loops or is deeper than the levels allow (a
 * hand edit or a bug, never a change Tollgate applied). Walks stop with this instead of running on; validation turns it
 * into a violation, so the change is refused and says why.
 */
final class CorruptedTreeException extends IllegalStateException {

    CorruptedTreeException(String message) {
        super("the service tree is corrupted: " + message);
    }
}
