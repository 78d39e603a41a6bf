package io.tollgate.engine.approval;

import java.util.Set;

/**
 * One approval a ticket or change needs: its step (e.g. {@code reviewer}, {@code dba}, {@code owner}) and who may give
 * it: a member of one of {@code groups} (a role's group id) or one of {@code users}.
 */
public record RequiredApproval(String step, Set<String> groups, Set<String> users) {

    public RequiredApproval {
        groups = Set.copyOf(groups);
        users = Set.copyOf(users);
    }

    public static RequiredApproval ofGroups(String step, String... groups) {
        return new RequiredApproval(step, Set.of(groups), Set.of());
    }

    boolean admits(String person, Set<String> personGroups) {
        return users.contains(person) || personGroups.stream().anyMatch(groups::contains);
    }

    String describe() {
        StringBuilder who = new StringBuilder();
        if (!groups.isEmpty()) {
            who.append("a member of ").append(String.join(" or ", groups.stream().sorted().toList()));
        }
        if (!users.isEmpty()) {
            who.append(who.isEmpty() ? "" : " or ").append("one of ")
                    .append(String.join(", ", users.stream().sorted().toList()));
        }
        return who.toString();
    }
}
