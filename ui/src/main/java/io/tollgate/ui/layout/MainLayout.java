package io.tollgate.ui.layout;

import java.util.List;
import java.util.Set;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.theme.lumo.LumoUtility;
import jakarta.annotation.security.PermitAll;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.tasklist.Tasklist;

/**
 * The frame around every view: brand, the areas this person uses (the tasklist with the number of tasks I can work on
 * now, kept current by server push), who is signed in, sign-out.
 */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    static final String COCKPIT_PATH = "/camunda/app/cockpit/default/";
    private static final Set<Role> COCKPIT_ROLES = Set.of(Role.PROCESS_OWNER, Role.AUDITOR, Role.ADMIN);

    private final Tasklist tasklist;
    private final TaskEvents taskEvents;
    private final SideNav nav = new SideNav();
    private final Span taskCount = new Span();
    /** Read once: push callbacks run outside the request, where the security context is not there to ask. */
    private final String username;
    private final List<String> groups;
    private final boolean usesTasklist;
    private TaskEvents.Registration taskSubscription;

    public MainLayout(CurrentUser currentUser, Tasklist tasklist, TaskEvents taskEvents) {
        this.tasklist = tasklist;
        this.taskEvents = taskEvents;
        this.username = currentUser.username();
        this.groups = currentUser.groups();
        Span brand = new Span("Tollgate");
        brand.addClassName("tollgate-brand");

        Span who = new Span(currentUser.username());
        who.setId("signed-in-user");
        // on a phone the name and the brand give way, so that the language and Sign out stay on screen (at 390 px
        // Sign out was beyond the edge, out of reach)
        brand.addClassNames(LumoUtility.Display.HIDDEN, LumoUtility.Display.Breakpoint.Small.FLEX);
        who.addClassNames(LumoUtility.Display.HIDDEN, LumoUtility.Display.Breakpoint.Small.FLEX);
        Button logout = new Button("Sign out", e -> currentUser.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("sign-out");
        HorizontalLayout user = new HorizontalLayout(who, PageLanguage.chooser(), logout);
        user.setAlignItems(FlexComponent.Alignment.CENTER);
        user.getStyle().set("margin-left", "auto").set("margin-right", "var(--lumo-space-m)");

        HorizontalLayout navbar = new HorizontalLayout(new DrawerToggle(), brand, user);
        navbar.setWidthFull();
        navbar.setAlignItems(FlexComponent.Alignment.CENTER);
        addToNavbar(navbar);

        Set<Role> roles = currentUser.roles();
        usesTasklist = Area.TASKLIST.roles().stream().anyMatch(roles::contains);
        nav.setId("main-nav");
        for (Area area : Area.visibleTo(roles)) {
            SideNavItem item = new SideNavItem(area.title(), area.route(), area.icon().create());
            if (area == Area.TASKLIST) {
                taskCount.getElement().getThemeList().add("badge pill small contrast");
                taskCount.setId("task-count");
                item.setSuffixComponent(taskCount);
            }
            nav.addItem(item);
        }
        if (roles.stream().anyMatch(COCKPIT_ROLES::contains)) {
            SideNavItem cockpit = new SideNavItem("Cockpit", COCKPIT_PATH, VaadinIcon.DASHBOARD.create());
            cockpit.setOpenInNewBrowserTab(true);
            cockpit.getElement().setAttribute("router-ignore", true);
            nav.addItem(cockpit);
        }
        // where the name went on a phone: at the top of the drawer, there only
        Span signedIn = new Span("Signed in as " + currentUser.username());
        signedIn.setId("drawer-user");
        signedIn.addClassNames(LumoUtility.Display.FLEX, LumoUtility.Display.Breakpoint.Small.HIDDEN,
                LumoUtility.Padding.MEDIUM, LumoUtility.TextColor.SECONDARY, LumoUtility.FontSize.SMALL);
        addToDrawer(signedIn, nav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        refreshTaskCount();
    }

    private void refreshTaskCount() {
        if (usesTasklist) {
            taskCount.setText(Long.toString(tasklist.countFor(username, groups)));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (usesTasklist) {
            taskSubscription = TaskUpdates.follow(event.getUI(), taskEvents, this::refreshTaskCount);
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (taskSubscription != null) {
            taskSubscription.remove();
            taskSubscription = null;
        }
    }
}
