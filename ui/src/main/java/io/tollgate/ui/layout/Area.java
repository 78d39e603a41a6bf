package io.tollgate.ui.layout;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.tollgate.engine.account.Role;

/**
 * The areas of Tollgate and the roles that use each. The navigation shows an area only to those roles, and the view at
 * each area's route names the same roles in {@code @RolesAllowed} (a test keeps the two in step). Areas name their
 * routes, not their view classes, so that views may depend on the layout without a cycle.
 */
public enum Area {
    TASKLIST("Tasklist", VaadinIcon.TASKS, "tasks",
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.SRE, Role.PROCESS_OWNER, Role.ADMIN)),
    TICKETS("Tickets", VaadinIcon.DATABASE, "tickets",
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.AUDITOR, Role.ADMIN)),
    SELF_CHECK("SQL self-check", VaadinIcon.CHECK_SQUARE_O, "self-check",
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.ADMIN)),
    SERVICE_TREE("Service tree", VaadinIcon.SITEMAP, "service-tree",
            EnumSet.of(Role.ENGINEER, Role.SRE, Role.AUDITOR, Role.ADMIN)),
    INSTANCES("Instances", VaadinIcon.SERVER, "instances",
            EnumSet.of(Role.DBA, Role.ADMIN)),
    HISTORY("History", VaadinIcon.ARCHIVE, "history",
            EnumSet.of(Role.AUDITOR, Role.PROCESS_OWNER, Role.ADMIN)),
    ADMIN("Admin", VaadinIcon.COG, "admin",
            EnumSet.of(Role.ADMIN)),
    REVIEW_RULES("Review rules", VaadinIcon.LIST_OL, "admin/review-rules",
            EnumSet.of(Role.ADMIN));

    private final String title;
    private final VaadinIcon icon;
    private final String route;
    private final Set<Role> roles;

    Area(String title, VaadinIcon icon, String route, Set<Role> roles) {
        this.title = title;
        this.icon = icon;
        this.route = route;
        this.roles = roles;
    }

    public String title() {
        return title;
    }

    VaadinIcon icon() {
        return icon;
    }

    /** The area's route, e.g. {@code tasks}. */
    public String route() {
        return route;
    }

    public Set<Role> roles() {
        return roles;
    }

    /** The areas someone with these roles uses, in navigation order. */
    public static List<Area> visibleTo(Collection<Role> roles) {
        return EnumSet.allOf(Area.class).stream().filter(a -> roles.stream().anyMatch(a.roles::contains)).toList();
    }
}
