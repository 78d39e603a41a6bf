package io.tollgate.ui.layout;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.tollgate.engine.account.Role;
import io.tollgate.ui.admin.AdminView;
import io.tollgate.ui.history.HistoryView;
import io.tollgate.ui.servicetree.ServiceTreeView;
import io.tollgate.ui.tasklist.TasklistView;
import io.tollgate.ui.tickets.TicketsView;

/**
 * The areas of Tollgate and the roles that use each. The navigation shows an area only to those roles, and each view's
 * {@code @RolesAllowed} names the same roles (a test keeps the two in step).
 */
public enum Area {
    TASKLIST("Tasklist", VaadinIcon.TASKS, TasklistView.class,
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.SRE, Role.PROCESS_OWNER, Role.ADMIN)),
    TICKETS("Tickets", VaadinIcon.DATABASE, TicketsView.class,
            EnumSet.of(Role.ENGINEER, Role.REVIEWER, Role.DBA, Role.AUDITOR, Role.ADMIN)),
    SERVICE_TREE("Service tree", VaadinIcon.SITEMAP, ServiceTreeView.class,
            EnumSet.of(Role.ENGINEER, Role.SRE, Role.AUDITOR, Role.ADMIN)),
    HISTORY("History", VaadinIcon.ARCHIVE, HistoryView.class,
            EnumSet.of(Role.AUDITOR, Role.PROCESS_OWNER, Role.ADMIN)),
    ADMIN("Admin", VaadinIcon.COG, AdminView.class,
            EnumSet.of(Role.ADMIN));

    private final String title;
    private final VaadinIcon icon;
    private final Class<? extends Component> view;
    private final Set<Role> roles;

    Area(String title, VaadinIcon icon, Class<? extends Component> view, Set<Role> roles) {
        this.title = title;
        this.icon = icon;
        this.view = view;
        this.roles = roles;
    }

    public String title() {
        return title;
    }

    VaadinIcon icon() {
        return icon;
    }

    public Class<? extends Component> view() {
        return view;
    }

    public Set<Role> roles() {
        return roles;
    }

    /** The areas someone with these roles uses, in navigation order. */
    public static List<Area> visibleTo(Collection<Role> roles) {
        return EnumSet.allOf(Area.class).stream().filter(a -> roles.stream().anyMatch(a.roles::contains)).toList();
    }
}
