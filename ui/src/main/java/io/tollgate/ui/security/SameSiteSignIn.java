package io.tollgate.ui.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Login CSRF protection for the sign-in form. Vaadin exempts its login form's POST from Spring's CSRF token (its web
 * component posts a plain form without one), so another site could sign a visitor's browser into an account of its
 * choosing (and read what the visitor then submits). Browsers name the page a POST comes from in {@code Origin}
 * (and {@code Sec-Fetch-Site}); a sign-in posted from another host is refused with 403. A client that sends neither
 * (curl, scripts) is not a browser being abused and goes on.
 */
final class SameSiteSignIn extends OncePerRequestFilter {

    static final String SIGN_IN_PATH = "/login";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod())
                || !SIGN_IN_PATH.equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromElsewhere(request)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Sign in from Tollgate's own sign-in page.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean fromElsewhere(HttpServletRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return false;
        }
        if ("null".equals(origin)) {
            return true; // a sandboxed frame or a data: page: never Tollgate's own form
        }
        try {
            String host = URI.create(origin).getHost();
            return host == null || !host.toLowerCase(Locale.ROOT).equals(request.getServerName().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
