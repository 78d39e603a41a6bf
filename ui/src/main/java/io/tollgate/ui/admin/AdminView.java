package io.tollgate.ui.admin;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import io.tollgate.engine.account.AccountSource;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.InvalidAccountException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.accountadmin.AccountAdministration;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * Accounts: create local ones, set roles, reset a password (the person must change it at the next sign-in), disable,
 * enable, unlock. LDAP accounts show their directory groups and the roles mapped from them, read-only; an admin may
 * grant them roles in Tollgate on top. Every act goes through {@link AccountAdministration}, which checks the
 * permission and writes the trail. The way to the mail outbox.
 */
@Route(value = "admin", layout = MainLayout.class)
@PageTitle("Admin · Tollgate")
@RolesAllowed(Role.Names.ADMIN)
public class AdminView extends VerticalLayout {

    final Grid<AccountView> accounts = new Grid<>(AccountView.class, false);
    private final AccountAdministration administration;
    private final String admin;

    public AdminView(AccountAdministration administration, CurrentUser currentUser) {
        this.administration = administration;
        this.admin = currentUser.username();
        setSizeFull();
        accounts.addColumn(AccountView::username).setHeader("Username").setAutoWidth(true).setFlexGrow(0);
        accounts.addColumn(AccountView::displayName).setHeader("Name").setFlexGrow(1)
                .setTooltipGenerator(AccountView::displayName);
        accounts.addColumn(AccountView::email).setHeader("E-mail").setFlexGrow(1)
                .setTooltipGenerator(a -> a.email() == null ? "" : a.email());
        accounts.addColumn(a -> roleNames(a.roles())).setHeader("Roles").setFlexGrow(1)
                .setTooltipGenerator(a -> roleNames(a.roles()));
        accounts.addColumn(a -> a.source() == AccountSource.LDAP ? "LDAP" : "Local").setHeader("Source")
                .setWidth("6em").setFlexGrow(0);
        accounts.addColumn(AdminView::state).setHeader("State").setWidth("15em").setFlexGrow(0)
                .setTooltipGenerator(AdminView::state);
        accounts.addColumn(AccountView::failedSignIns).setHeader("Failures").setWidth("6.5em").setFlexGrow(0)
                .setTooltipGenerator(a -> a.failedSignIns() + " failed sign-ins since the last success or unlock");
        accounts.addComponentColumn(a -> {
            Button manage = new Button("Manage", e -> openManage(a.username()));
            manage.setId("manage-" + a.username());
            Button unlock = new Button("Unlock", e -> act(() -> administration.unlock(admin, a.username()),
                    a.username() + " may sign in again from anywhere at once."));
            unlock.setId("unlock-" + a.username());
            unlock.setVisible(a.locked() || a.failedSignIns() > 0);
            return new HorizontalLayout(manage, unlock);
        }).setHeader("").setAutoWidth(true).setFrozenToEnd(true);
        accounts.setId("account-grid");
        Button create = new Button("New account", e -> openCreate());
        create.setId("new-account");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        RouterLink outbox = new RouterLink("Mail outbox", OutboxView.class);
        outbox.setId("outbox-link");
        HorizontalLayout header = new HorizontalLayout(new H2("Accounts"), create);
        header.setAlignItems(Alignment.BASELINE);
        add(header, accounts, outbox);
        refresh();
    }

    static String state(AccountView a) {
        if (!a.enabled()) {
            return a.disabledByAdmin() ? "disabled by an admin" : "disabled (not in the directory)";
        }
        if (a.locked()) {
            return "locked";
        }
        return a.mustChangePassword() ? "active · must change password" : "active";
    }

    static String roleNames(Set<Role> roles) {
        return roles.stream().map(Role::groupId).sorted().collect(Collectors.joining(", "));
    }

    private void refresh() {
        accounts.setItems(administration.list(admin));
    }

    private void act(Runnable action, String done) {
        try {
            action.run();
            refresh();
            Notification.show(done);
        } catch (InvalidAccountException | PermissionDeniedException refused) {
            Notification.show(refused.getMessage());
        }
    }

    private static CheckboxGroup<Role> roleBoxes(String id) {
        CheckboxGroup<Role> roles = new CheckboxGroup<>("Roles in Tollgate");
        roles.setItems(EnumSet.allOf(Role.class));
        roles.setItemLabelGenerator(Role::groupId);
        roles.setId(id);
        return roles;
    }

    void openCreate() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New local account");
        TextField username = new TextField("Username");
        username.setId("new-username");
        username.setHelperText("Letters, digits, '.', '-', '_'");
        TextField displayName = new TextField("Name");
        displayName.setId("new-display-name");
        displayName.setMaxLength(Accounts.MAX_DISPLAY_NAME);
        EmailField email = new EmailField("E-mail (for task mails)");
        email.setId("new-email");
        email.setMaxLength(Accounts.MAX_EMAIL);
        PasswordField password = new PasswordField("First password");
        password.setId("new-password");
        password.setHelperText("At least 8 characters; the person must change it at the first sign-in");
        CheckboxGroup<Role> roles = roleBoxes("new-roles");
        Span error = new Span();
        error.setId("new-account-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        Button save = new Button("Create", e -> {
            try {
                AccountView created = administration.create(admin, new AccountAdministration.NewAccount(
                        username.getValue().strip(), displayName.getValue(), email.getValue(), password.getValue(),
                        roles.getValue()));
                dialog.close();
                refresh();
                Notification.show(created.username() + " created; they choose their own password at the first "
                        + "sign-in.");
            } catch (InvalidAccountException | PermissionDeniedException refused) {
                error.setText(refused.getMessage());
            }
        });
        save.setId("create-account");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> dialog.close());
        VerticalLayout form = new VerticalLayout(username, displayName, email, password, roles, error);
        form.setPadding(false);
        dialog.add(form);
        dialog.getFooter().add(cancel, save);
        dialog.open();
    }

    void openManage(String username) {
        AccountView account = administration.get(admin, username);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Account " + account.username());
        Span error = new Span();
        error.setId("manage-account-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(new Paragraph(account.displayName() + (account.email() == null ? "" : " · " + account.email())
                + " · " + state(account)));

        if (account.source() == AccountSource.LDAP) {
            Paragraph groups = new Paragraph("Directory groups: " + (account.directoryGroups().isEmpty() ? "none"
                    : String.join("; ", account.directoryGroups())));
            groups.setId("directory-groups");
            Paragraph mapped = new Paragraph("Roles from the directory (change them in the directory): "
                    + (account.directoryRoles().isEmpty() ? "none" : roleNames(account.directoryRoles())));
            mapped.setId("directory-roles");
            body.add(groups, mapped);
        }
        CheckboxGroup<Role> roles = roleBoxes("manage-roles");
        if (account.source() == AccountSource.LDAP) {
            roles.setLabel("Roles granted in Tollgate, on top of the directory's");
        }
        roles.setValue(account.localRoles());
        Button saveRoles = new Button("Save roles", e -> run(error, dialog,
                () -> administration.setRoles(admin, username, roles.getValue()), username + "'s roles saved."));
        saveRoles.setId("save-roles");
        body.add(roles, saveRoles);

        if (account.source() == AccountSource.LOCAL) {
            PasswordField password = new PasswordField("New password");
            password.setId("reset-password");
            password.setHelperText("At least 8 characters; " + username + " must change it at the next sign-in");
            Button reset = new Button("Reset password", e -> run(error, dialog,
                    () -> administration.resetPassword(admin, username, password.getValue()),
                    username + "'s password was reset; they must change it at the next sign-in."));
            reset.setId("reset-password-button");
            HorizontalLayout resetRow = new HorizontalLayout(password, reset);
            resetRow.setAlignItems(Alignment.BASELINE);
            body.add(resetRow);
        }
        Button toggle = account.disabledByAdmin()
                ? new Button("Enable", e -> run(error, dialog, () -> administration.enable(admin, username),
                        username + " may sign in again."))
                : new Button("Disable", e -> run(error, dialog, () -> administration.disable(admin, username),
                        username + " is disabled; their open sessions end on their next click."));
        toggle.setId(account.disabledByAdmin() ? "enable-account" : "disable-account");
        if (!account.disabledByAdmin()) {
            toggle.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        body.add(toggle, error);
        Button close = new Button("Close", e -> dialog.close());
        close.setId("close-manage");
        dialog.add(body);
        dialog.getFooter().add(close);
        dialog.setWidth("36em");
        dialog.open();
    }

    private void run(Span error, Dialog dialog, Runnable action, String done) {
        try {
            action.run();
            dialog.close();
            refresh();
            Notification.show(done);
        } catch (InvalidAccountException | PermissionDeniedException refused) {
            error.setText(refused.getMessage());
        }
    }

}
