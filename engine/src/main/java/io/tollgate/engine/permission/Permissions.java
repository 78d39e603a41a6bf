package io.tollgate.engine.permission;

import java.util.EnumSet;
import java.util.Set;

import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/** The matrix applied to a person as Tollgate's accounts record them now (an enabled, unlocked account's roles). */
@Component
public class Permissions {

    private final Accounts accounts;

    Permissions(Accounts accounts) {
        this.accounts = accounts;
    }

    /** The roles the person holds now; none for an unknown, disabled or locked account. */
    public Set<Role> rolesOf(String username) {
        return username == null ? Set.of() : accounts.find(username).filter(a -> a.enabled() && !a.locked())
                .map(AccountView::roles).orElse(Set.of());
    }

    public boolean allows(String username, Permission permission) {
        return permission.allows(rolesOf(username));
    }

    /** The roles an authenticated request carries (loaded from the account when it signed in). */
    public static Set<Role> rolesOf(Authentication authentication) {
        if (authentication == null) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            Role.fromAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return roles;
    }

    /** Refuses a request unless its roles allow it. */
    public static void require(Authentication authentication, Permission permission) {
        if (authentication == null || !permission.allows(rolesOf(authentication))) {
            throw denied(authentication == null ? null : authentication.getName(), permission);
        }
    }

    /** Refuses unless the person may. */
    public void require(String username, Permission permission) {
        if (!allows(username, permission)) {
            throw denied(username, permission);
        }
    }

    private static PermissionDeniedException denied(String username, Permission permission) {
        return new PermissionDeniedException((username == null ? "nobody signed in" : username) + " may not "
                + permission.label() + ": that needs the role "
                + String.join(" or ", permission.roles().stream().map(Role::groupId).toList()));
    }
}
