package io.tollgate.engine.cluster;

import java.util.List;

/**
 * Carries committed changes between the Tollgate nodes sharing one database. {@link #publish} is called after the
 * transaction that made the change commits and returns at once (the signal leaves in the background); every other node
 * hands it to its listeners for that kind, usually within milliseconds. A node never receives its own signals.
 * Delivery is best effort: when signals may have been lost (the connection to ZooKeeper was suspended or lost), each
 * listener's {@link Listener#missed()} is called on reconnecting, and again every safety-net interval while cut off,
 * so that a consumer re-reads what it shows instead of staying stale.
 */
public interface ClusterSignals {

    /** Tells the other nodes about a change of {@code kind}; does nothing when this node runs alone. */
    void publish(ClusterSignal.Kind kind, List<String> values);

    /** Calls {@code listener} with each signal of {@code kind} from another node, until the registration is removed. */
    Registration subscribe(ClusterSignal.Kind kind, Listener listener);

    /** This node's name ({@code host/pid}), the origin of the signals it publishes. */
    String node();

    /** Receives other nodes' signals; called on a thread of the cluster's own, so it must return quickly. */
    interface Listener {

        void received(ClusterSignal signal);

        /** Signals may have been lost: re-read whatever is shown. */
        default void missed() {
        }
    }

    @FunctionalInterface
    interface Registration extends AutoCloseable {

        void remove();

        @Override
        default void close() {
            remove();
        }
    }

    /** For a node that runs alone by construction (a unit test): publishes nowhere, receives nothing. */
    static ClusterSignals alone() {
        return new ClusterSignals() {
            @Override
            public void publish(ClusterSignal.Kind kind, List<String> values) {
            }

            @Override
            public Registration subscribe(ClusterSignal.Kind kind, Listener listener) {
                return () -> {
                };
            }

            @Override
            public String node() {
                return "alone";
            }
        };
    }
}
