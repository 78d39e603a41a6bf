package io.tollgate.ui.layout;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.icon.VaadinIcon;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.permission.Permission;

/**
 * The areas of Tollgate and the roles that use each, from the permission matrix ({@link Permission}) where an area is
 * one permission's. The navigation shows an area only to those roles, and the view at each area's route names the same
 * roles in {@code @RolesAllowed} (a test keeps the two in step). Areas name their
 * routes, not their view classes, so that views may depend on the layout without a cycle.
 */
public enum Area {
    TASKLIST("Tasklist", VaadinIcon.TASKS, "tasks",
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.SRE, Role.PROCESS_OWNER, Role.ADMIN)),
    TICKETS("Tickets", VaadinIcon.DATABASE, "tickets", Permission.READ_TICKETS.roles()),
    SELF_CHECK("SQL self-check", VaadinIcon.CHECK_SQUARE_O, "self-check", Permission.SELF_CHECK.roles()),
    SERVICE_TREE("Service tree", VaadinIcon.SITEMAP, "service-tree", Permission.AUDIT_TREE.roles()),
    /** Who may read tree changes one by one: as they read the tree's audits, or all history. */
    TREE_CHANGES("Tree changes", VaadinIcon.LIST_UL, "tree-changes",
            union(Permission.AUDIT_TREE.roles(), Permission.READ_HISTORY.roles())),
    INSTANCES("Instances", VaadinIcon.SERVER, "instances", Permission.MANAGE_INSTANCES.roles()),
    HISTORY("History", VaadinIcon.ARCHIVE, "history", Permission.READ_HISTORY.roles()),
    STATISTICS("Statistics", VaadinIcon.BAR_CHART, "statistics", Permission.READ_STATISTICS.roles()),
    ADMIN("Admin", VaadinIcon.COG, "admin", Permission.MANAGE_ACCOUNTS.roles()),
    REVIEW_RULES("Review rules", VaadinIcon.LIST_OL, "admin/review-rules", Permission.MANAGE_ACCOUNTS.roles());

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

    private static Set<Role> union(Set<Role> some, Set<Role> others) {
        EnumSet<Role> both = EnumSet.noneOf(Role.class);
        both.addAll(some);
        both.addAll(others);
        return both;
    }

    /** The areas someone with these roles uses, in navigation order. */
    public static List<Area> visibleTo(Collection<Role> roles) {
        return EnumSet.allOf(Area.class).stream().filter(a -> roles.stream().anyMatch(a.roles::contains)).toList();
    }
}
