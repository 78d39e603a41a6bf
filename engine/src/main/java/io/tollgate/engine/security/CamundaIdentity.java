package io.tollgate.engine.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.tollgate.engine.account.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Maps a Spring Security authentication to the Camunda groups its roles stand for. */
final class CamundaIdentity {

    /** Camunda's built-in administrators group: members may do anything in the engine and its webapps. */
    static final String CAMUNDA_ADMIN_GROUP = "camunda-admin";

    private CamundaIdentity() {
    }

    static List<String> groupsOf(Authentication authentication) {
        List<Role> roles = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.fromAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return groupsOf(roles);
    }

    static List<String> groupsOf(Collection<Role> roles) {
        List<String> groups = new ArrayList<>();
        for (Role role : roles) {
            groups.add(role.groupId());
            if (role == Role.ADMIN) {
                groups.add(CAMUNDA_ADMIN_GROUP);
            }
        }
        return groups;
    }
}
