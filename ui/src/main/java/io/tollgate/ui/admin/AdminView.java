package io.tollgate.ui.admin;

import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** Accounts, their roles and whether they are locked; the way to the mail outbox. */
@Route(value = "admin", layout = MainLayout.class)
@PageTitle("Admin · Tollgate")
@RolesAllowed(Role.Names.ADMIN)
public class AdminView extends VerticalLayout {

    final Grid<AccountView> accounts = new Grid<>(AccountView.class, false);

    public AdminView(AccountAdministration administration, CurrentUser currentUser) {
        String admin = currentUser.username();
        setSizeFull();
        accounts.addColumn(AccountView::username).setHeader("Username").setAutoWidth(true);
        accounts.addColumn(AccountView::displayName).setHeader("Name");
        accounts.addColumn(AccountView::email).setHeader("E-mail");
        accounts.addColumn(a -> a.roles().stream().map(Role::groupId).sorted().collect(Collectors.joining(", ")))
                .setHeader("Roles");
        accounts.addColumn(AccountView::source).setHeader("Source");
        accounts.addColumn(a -> !a.enabled() ? "disabled" : a.locked() ? "locked" : "active").setHeader("State");
        accounts.addColumn(AccountView::failedSignIns).setHeader("Failed sign-ins");
        accounts.addComponentColumn(a -> {
            Button unlock = new Button("Unlock", e -> {
                administration.unlock(admin, a.username());
                accounts.setItems(administration.list(admin));
                Notification.show(a.username() + " may sign in again from anywhere at once.");
            });
            unlock.setId("unlock-" + a.username());
            unlock.setEnabled(a.locked() || a.failedSignIns() > 0);
            return unlock;
        }).setHeader("");
        accounts.setItems(administration.list(admin));
        accounts.setId("account-grid");
        RouterLink outbox = new RouterLink("Mail outbox", OutboxView.class);
        outbox.setId("outbox-link");
        add(new H2("Accounts"), accounts, outbox);
    }
}
