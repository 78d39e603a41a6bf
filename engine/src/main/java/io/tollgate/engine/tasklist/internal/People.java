package io.tollgate.engine.tasklist.internal;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Who may be handed a task: the groups of an enabled person, and the enabled members of groups. */
interface People {

    /** The groups of an enabled account, empty when there is no such enabled account. */
    Optional<List<String>> groupsOf(String username);

    /** The enabled people in any of the groups, by username, sorted. */
    List<String> membersOf(Collection<String> groups);
}
