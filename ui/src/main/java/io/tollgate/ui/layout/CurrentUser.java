package io.tollgate.ui.layout;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.vaadin.flow.spring.annotation.SpringComponent;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.tollgate.engine.account.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** Who is signed in to this UI, with their roles and the Camunda groups those roles stand for. */
@SpringComponent
public class CurrentUser {

    private final AuthenticationContext authenticationContext;

    public CurrentUser(AuthenticationContext authenticationContext) {
        this.authenticationContext = authenticationContext;
    }

    public String username() {
        return authenticationContext.getPrincipalName().orElse("");
    }

    public Set<Role> roles() {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        authenticationContext.getAuthenticatedUser(UserDetails.class).ifPresent(u -> u.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).map(Role::fromAuthority)
                .forEach(r -> r.ifPresent(roles::add)));
        if (roles.isEmpty()) {
            authenticationContext.getGrantedRoles().forEach(name ->
                    Role.fromAuthority(Role.AUTHORITY_PREFIX + name).ifPresent(roles::add));
        }
        return roles;
    }

    public List<String> groups() {
        return roles().stream().map(Role::groupId).toList();
    }

    /**
     * Whether this person may open the view, by its {@code @RolesAllowed} (or {@code @PermitAll}): links and buttons
     * to a view are offered only to those it opens for.
     */
    public boolean mayOpen(Class<?> view) {
        if (view.isAnnotationPresent(jakarta.annotation.security.PermitAll.class)) {
            return true;
        }
        jakarta.annotation.security.RolesAllowed allowed =
                view.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
        Set<Role> roles = roles();
        return allowed != null && java.util.Arrays.stream(allowed.value())
                .anyMatch(name -> roles.stream().anyMatch(r -> r.name().equals(name)));
    }

    public void logout() {
        authenticationContext.logout();
    }
}
