package io.tollgate.ui;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinSession;
import io.tollgate.engine.account.Role;
import kotlin.jvm.functions.Function0;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Browserless view tests (Karibu-Testing) on the real application context: signs a person in with their password
 * through the real user store and password encoder, then gives Vaadin's faked request that person, so that route
 * security ({@code @RolesAllowed}) applies as in a browser.
 */
public final class Browserless {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("io.tollgate.ui");

    private Browserless() {
    }

    public static Authentication signIn(ApplicationContext context, String username, String password) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(context.getBean(UserDetailsService.class));
        provider.setPasswordEncoder(context.getBean(PasswordEncoder.class));
        Authentication authentication = provider.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(username, password));

        Function0<UI> uiFactory = UI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(ROUTES, context, uiFactory));
        SecurityContext securityContext = SecurityContextHolder.createEmptyContext();
        securityContext.setAuthentication(authentication);
        SecurityContextHolder.setContext(securityContext);
        VaadinSession.getCurrent().getSession()
                .setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, securityContext);
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(authentication);
        request.setUserInRole((principal, role) -> authentication.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals(Role.AUTHORITY_PREFIX + role)));
        return authentication;
    }

    public static void signOut() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
