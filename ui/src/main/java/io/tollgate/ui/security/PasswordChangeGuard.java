package io.tollgate.ui.security;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.annotation.SpringComponent;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import io.tollgate.ui.layout.CurrentUser;

/**
 * While a person must change the password an admin set, every page they open becomes the change-password page (the
 * login page and sign-out still work). The API side of the same rule is the engine's account-state gate.
 */
@SpringComponent
class PasswordChangeGuard implements VaadinServiceInitListener {

    private final Accounts accounts;
    private final CurrentUser currentUser;

    PasswordChangeGuard(Accounts accounts, CurrentUser currentUser) {
        this.accounts = accounts;
        this.currentUser = currentUser;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(this::beforeEnter));
    }

    void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == ChangePasswordView.class || target == LoginView.class) {
            return;
        }
        String username = currentUser.username();
        if (!username.isEmpty() && accounts.find(username).map(AccountView::mustChangePassword).orElse(false)) {
            event.forwardTo(ChangePasswordView.class);
        }
    }
}
