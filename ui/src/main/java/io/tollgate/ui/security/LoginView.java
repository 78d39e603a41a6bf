package io.tollgate.ui.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.tollgate.engine.account.DirectoryUnreachableException;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in page. After a failure it says why: wrong name or password, account locked, account disabled, or the LDAP
 * directory unreachable.
 */
@Route("login")
@PageTitle("Sign in · Tollgate")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String LOCKED_MESSAGE = "Too many failed sign-ins from here: wait a little before trying again "
            + "(30 seconds at first, longer after more failures), or ask an admin to unlock the account.";
    static final String DISABLED_MESSAGE = "This account is disabled. Ask an admin.";
    static final String DIRECTORY_UNREACHABLE_MESSAGE = "The company directory (LDAP) cannot be reached right now, "
            + "so directory accounts cannot sign in. Try again later; local accounts still work.";
    static final String BAD_CREDENTIALS_MESSAGE = "Check that the username and password are correct and try again.";

    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        login.setId("login-form");
        H1 title = new H1("Tollgate");
        Paragraph subtitle = new Paragraph("Change approval for SQL and the service tree");
        add(title, subtitle, login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            LoginI18n i18n = LoginI18n.createDefault();
            LoginI18n.ErrorMessage error = i18n.getErrorMessage();
            error.setTitle("Sign-in failed");
            error.setMessage(messageFor(lastFailure()));
            login.setI18n(i18n);
            login.setError(true);
        }
    }

    static String messageFor(Exception failure) {
        if (failure instanceof LockedException) {
            return LOCKED_MESSAGE;
        }
        if (failure instanceof DisabledException) {
            return DISABLED_MESSAGE;
        }
        if (failure instanceof DirectoryUnreachableException) {
            return DIRECTORY_UNREACHABLE_MESSAGE;
        }
        return BAD_CREDENTIALS_MESSAGE;
    }

    private static Exception lastFailure() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        HttpSession session = request == null ? null : request.getHttpServletRequest().getSession(false);
        Object failure = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        return failure instanceof Exception e ? e : null;
    }
}
