package io.tollgate.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.RouteConfiguration;
import io.tollgate.TollgateAppTest;
import io.tollgate.engine.account.Role;
import io.tollgate.ui.layout.Area;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Browserless view tests: each demo account signs in with its password and sees exactly the areas of its role; the
 * views of other areas refuse it.
 */
@TollgateAppTest
class RoleAreasIT {

    /** What each role's navigation shows, written out by hand as the specification. */
    private static final Map<Role, List<String>> EXPECTED = Map.of(
            Role.ENGINEER, List.of("Tasklist", "Tickets", "SQL self-check", "Service tree", "Tree changes"),
            Role.REVIEWER, List.of("Tasklist", "Tickets", "SQL self-check"),
            Role.DBA, List.of("Tasklist", "Tickets", "SQL self-check", "Instances", "Statistics"),
            Role.SRE, List.of("Tasklist", "Service tree", "Tree changes"),
            Role.PROCESS_OWNER, List.of("Tasklist", "Tree changes", "History", "Statistics", "Cockpit"),
            Role.AUDITOR, List.of("Tickets", "Service tree", "Tree changes", "History", "Statistics", "Cockpit"),
            Role.ADMIN, List.of("Tasklist", "Tickets", "SQL self-check", "Service tree", "Tree changes", "Instances",
                    "History", "Statistics", "Admin", "Review rules", "Cockpit"));

    @Autowired ApplicationContext context;

    private Authentication signIn(String username, String password) {
        return Browserless.signIn(context, username, password);
    }

    @AfterEach
    void tearDown() {
        Browserless.signOut();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachDemoRoleSignsInAndSeesOnlyItsAreas(Role role) {
        signIn(role.groupId(), role.groupId() + "-demo");
        UI.getCurrent().navigate("");

        List<String> shown = _get(SideNav.class, spec -> spec.withId("main-nav")).getItems().stream()
                .map(SideNavItem::getLabel).toList();
        assertThat(shown).containsExactlyElementsOf(EXPECTED.get(role));
        assertThat(_get(SideNav.class, spec -> spec.withId("main-nav")).getItems())
                .as("every area has its icon, Cockpit too").allSatisfy(item ->
                        assertThat(item.getPrefixComponent()).as(item.getLabel()).isNotNull());
        if (shown.contains("Tickets")) {
            UI.getCurrent().navigate("tickets");
            assertThat(_find(com.vaadin.flow.component.button.Button.class, spec -> spec.withId("filter-mine")))
                    .as("'Mine' only for whoever has tickets of their own").hasSize(
                            io.tollgate.engine.permission.Permission.SUBMIT_TICKET.allows(java.util.Set.of(role)) ? 1 : 0);
        }

        for (Area area : Area.values()) {
            Class<? extends Component> view = RouteConfiguration.forApplicationScope().getRoute(area.route()).orElseThrow();
            if (!shown.contains(area.title())) {
                UI.getCurrent().navigate("");
                // Vaadin reroutes a refused navigation to its error view; Karibu reports that view's AccessDeniedException
                Throwable refusal = catchThrowable(() -> {
                    UI.getCurrent().navigate(area.route());
                    _find(view);
                });
                assertThat(refusal).as(role + " must be refused " + area).isNotNull()
                        .hasMessageContaining("AccessDeniedException");
            } else {
                UI.getCurrent().navigate(area.route());
                assertThat(_find(view)).as(role + " opens " + area).hasSize(1);
            }
        }
    }

    @Test
    void eachAreasViewAllowsExactlyTheAreasRoles() {
        signIn("admin", "admin-demo");
        for (Area area : Area.values()) {
            Class<? extends Component> view = RouteConfiguration.forApplicationScope().getRoute(area.route()).orElseThrow();
            RolesAllowed allowed = view.getAnnotation(RolesAllowed.class);
            assertThat(allowed).as(view.getSimpleName()).isNotNull();
            assertThat(Arrays.stream(allowed.value()).map(Role::valueOf).collect(Collectors.toSet()))
                    .as(view.getSimpleName()).isEqualTo(area.roles());
        }
    }

    @Test
    void theStartPageOpensTheFirstAreaOfTheRole() {
        signIn("auditor", "auditor-demo");
        UI.getCurrent().navigate("");
        _get(io.tollgate.ui.tickets.TicketsView.class);
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> signIn("engineer", "not-the-password")).isInstanceOf(BadCredentialsException.class);
    }
}
