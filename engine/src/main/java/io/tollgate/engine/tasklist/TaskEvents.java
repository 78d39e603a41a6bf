package io.tollgate.engine.tasklist;

import java.util.function.Consumer;

/**
 * Tells subscribers about every user task change of this node's engine, after the transaction that made it commits,
 * so that a subscriber reading the tasklist sees the change. Delivery is asynchronous, on one thread of its own and in
 * commit order; a subscriber must return quickly (a UI hands the work to its session, e.g. with {@code UI.access}) and
 * one that throws does not keep the others from being told. Changes made by other Tollgate nodes arrive too, by the
 * cluster's signals (usually within milliseconds of their commit); when some may have been lost, a change of type
 * {@link TaskChange.Type#MISSED} asks subscribers to re-read.
 */
public interface TaskEvents {

    /** Calls {@code listener} with each change from now on, until the registration is removed. */
    Registration subscribe(Consumer<TaskChange> listener);

    /** Ends a subscription; removing it twice does nothing. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {

        void remove();

        @Override
        default void close() {
            remove();
        }
    }
}
