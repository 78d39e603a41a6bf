package io.tollgate.engine.tasklist;

import java.util.Collection;
import java.util.List;

/** The user tasks a person may work on. */
public interface Tasklist {

    /** Tasks assigned to {@code username}, then unassigned tasks offered to them by name or to any of {@code groups}. */
    List<TaskSummary> tasksFor(String username, Collection<String> groups);

    /** How many tasks {@link #tasksFor} would return. */
    long countFor(String username, Collection<String> groups);
}
