package io.tollgate.engine.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A change committed on node {@code origin}: its {@code kind} and the few ids a receiver needs to re-deliver it
 * locally (for a task change: its type, task id, process key, business key i.e. ticket or change id, assignee; for a
 * ticket: its id; for a tree change: its id). Carries no data a receiver trusts: receivers re-read what they show.
 */
public record ClusterSignal(String origin, Kind kind, List<String> values) {

    public enum Kind { TASK, TICKET, TREE_CHANGE }

    public ClusterSignal {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(kind, "kind");
        // values may hold nulls (a task without assignee): List.copyOf would refuse them
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** The value at {@code index}, or null when the signal has fewer values (one from an older node). */
    public String value(int index) {
        return index < values.size() ? values.get(index) : null;
    }
}
