package io.tollgate.engine.mail;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who gets a mail: accounts by username and the members of groups (a role's Camunda group id, e.g. {@code dba}, as
 * user tasks name them in {@code candidateGroups}). Each person gets one mail even if named twice.
 */
public record Recipients(Set<String> usernames, Set<String> groups) {

    public Recipients {
        usernames = Set.copyOf(usernames);
        groups = Set.copyOf(groups);
    }

    public static Recipients users(String... usernames) {
        return new Recipients(Set.of(usernames), Set.of());
    }

    public static Recipients groups(String... groupIds) {
        return new Recipients(Set.of(), Set.of(groupIds));
    }

    /** These recipients and those. */
    public Recipients and(Recipients other) {
        Set<String> users = new LinkedHashSet<>(usernames);
        users.addAll(other.usernames);
        Set<String> allGroups = new LinkedHashSet<>(groups);
        allGroups.addAll(other.groups);
        return new Recipients(users, allGroups);
    }
}
