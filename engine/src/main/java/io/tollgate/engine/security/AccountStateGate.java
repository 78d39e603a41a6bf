package io.tollgate.engine.security;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.account.AccountView;
import io.tollgate.engine.account.Accounts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every signed-in request to the account as it is now, not as it was at sign-in. It runs after Spring Security
 * on every path:
 * <ul>
 *   <li>A disabled account, or a session signed in before an admin reset the password or disabled the account, is
 *   signed out on that request: the session ends and the request goes on as nobody (the UI sends it to the login
 *   page; {@code /api} and {@code /engine-rest} sign in anew per request and are refused there already).</li>
 *   <li>While the person must change their password, every API, Camunda and actuator call is refused with 403 except
 *   {@code POST /api/v1/me/password}; the UI sends every page to the change-password page (the UI's own navigation
 *   guard) and sign-out stays possible.</li>
 * </ul>
 */
class AccountStateGate extends OncePerRequestFilter {

    /** When this session's person signed in (first seen signed in), to compare with an admin's reset or disable. */
    static final String SIGNED_IN_AT = "tollgate.signedInAt";
    static final String CHANGE_PASSWORD_API = "/api/v1/me/password";
    static final String MUST_CHANGE = "You must change your password before doing anything else: sign in to the UI, "
            + "or POST {\"currentPassword\", \"newPassword\"} to " + CHANGE_PASSWORD_API + ".";

    private final Accounts accounts;
    private final ProblemResponses problems;
    private final java.time.Clock clock;

    AccountStateGate(Accounts accounts, ProblemResponses problems, java.time.Clock clock) {
        this.accounts = accounts;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = path(request);
        return path.startsWith("/VAADIN/") || path.startsWith("/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        Optional<AccountView> found = accounts.find(authentication.getName());
        if (found.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        AccountView account = found.get();
        HttpSession session = request.getSession(false);
        if (!account.enabled() || signedInBeforeChange(session, account)) {
            signOut(request, session);
            if (isApi(path(request))) {
                problems.send(response, HttpStatus.UNAUTHORIZED, ApiProblem.of(account.enabled()
                        ? "Your session ended: an admin changed your account. Sign in again."
                        : "Your account is disabled."));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        String path = path(request);
        if (account.mustChangePassword() && isApi(path)
                && !("POST".equals(request.getMethod()) && CHANGE_PASSWORD_API.equals(path))) {
            problems.send(response, HttpStatus.FORBIDDEN, ApiProblem.of(MUST_CHANGE));
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean signedInBeforeChange(HttpSession session, AccountView account) {
        if (session == null) {
            return false;
        }
        Instant changed = accounts.credentialsChangedAt(account.username()).orElse(null);
        Object since;
        try {
            since = session.getAttribute(SIGNED_IN_AT);
            if (since == null) {
                session.setAttribute(SIGNED_IN_AT, clock.instant());
                return false;
            }
        } catch (IllegalStateException invalidated) {
            return false;
        }
        return changed != null && since instanceof Instant signedIn && signedIn.isBefore(changed);
    }

    private static void signOut(HttpServletRequest request, HttpSession session) {
        SecurityContextHolder.clearContext();
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalidated) {
                // someone else ended it first
            }
        }
    }

    /** Everything but the UI: Tollgate's API, Camunda's REST API and webapps, Spring's actuator. */
    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith("/engine-rest") || path.startsWith("/camunda")
                || path.startsWith("/actuator");
    }

    private static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
