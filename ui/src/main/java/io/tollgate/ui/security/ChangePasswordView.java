package io.tollgate.ui.security;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.account.InvalidAccountException;
import io.tollgate.ui.layout.CurrentUser;
import jakarta.annotation.security.PermitAll;

/**
 * The person replaces their password. While an admin-set password is still in use it is the only page there is
 * ({@link PasswordChangeGuard}); otherwise anyone may come here to change theirs.
 */
@Route("change-password")
@PageTitle("Change your password · Tollgate")
@PermitAll
public class ChangePasswordView extends VerticalLayout {

    final PasswordField current = new PasswordField("Current password");
    final PasswordField chosen = new PasswordField("New password");
    final PasswordField repeated = new PasswordField("New password again");
    final Span error = new Span();
    final Button change = new Button("Change password");

    public ChangePasswordView(Accounts accounts, CurrentUser currentUser) {
        setMaxWidth("32em");
        String username = currentUser.username();
        boolean required = accounts.find(username).map(a -> a.mustChangePassword()).orElse(false);
        Paragraph why = new Paragraph(required
                ? "An admin set your password. Choose your own before you continue: at least 8 characters."
                : "Choose a new password: at least 8 characters.");
        why.setId("change-password-why");
        current.setId("current-password");
        chosen.setId("new-password");
        repeated.setId("repeat-password");
        for (PasswordField field : new PasswordField[] {current, chosen, repeated}) {
            field.setWidthFull();
        }
        error.setId("change-password-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        change.setId("change-password");
        change.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        change.addClickListener(e -> {
            if (!chosen.getValue().equals(repeated.getValue())) {
                error.setText("The two new passwords differ: type the same one twice.");
                return;
            }
            try {
                accounts.changeOwnPassword(username, current.getValue(), chosen.getValue());
                getUI().ifPresent(ui -> ui.navigate(""));
            } catch (InvalidAccountException refused) {
                error.setText(refused.getMessage());
            }
        });
        Button signOut = new Button("Sign out", e -> currentUser.logout());
        signOut.setId("change-password-sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add(new H2("Change your password"), why, new Span("Signed in as " + username), current, chosen, repeated,
                error, new HorizontalLayout(change, signOut));
    }
}
