package io.tollgate.engine.servicetree.internal.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tollgate.engine.account.Role;

/**
 * Who is offered an owner approval: the plan's approvers ({@code user:x}, {@code group:y}) without the requester.
 * A node nobody owns (up to the root) falls back to the SRE group, so that no change waits for nobody.
 */
public record Approvers(List<String> users, List<String> groups) {

    public static final String USER = "user:";
    public static final String GROUP = "group:";

    public static Approvers of(Collection<String> owners, String requester) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String owner : owners) {
            if (owner.startsWith(USER) && !owner.substring(USER.length()).equals(requester)) {
                users.add(owner.substring(USER.length()));
            } else if (owner.startsWith(GROUP)) {
                groups.add(owner.substring(GROUP.length()));
            }
        }
        if (users.isEmpty() && groups.isEmpty()) {
            groups.add(Role.SRE.groupId());
        }
        return new Approvers(List.copyOf(users), List.copyOf(groups));
    }

}
