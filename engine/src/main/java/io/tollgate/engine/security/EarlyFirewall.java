package io.tollgate.engine.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security's firewall, run once more just before Spring Security: a path such as {@code /camunda//api/engine}
 * is mapped to Camunda's servlet by the container, and Spring Security's own path parsing fails on it with an
 * exception before its firewall gets to reject it. Here it is rejected first, quietly ({@link QuietRequestRejection}).
 * What passes is handed on unchanged; Spring Security checks it again.
 */
class EarlyFirewall extends OncePerRequestFilter {

    private final HttpFirewall firewall;
    private final RequestRejectedHandler rejected;

    EarlyFirewall(HttpFirewall firewall, RequestRejectedHandler rejected) {
        this.firewall = firewall;
        this.rejected = rejected;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            firewall.getFirewalledRequest(request);
        } catch (RequestRejectedException e) {
            rejected.handle(request, response, e);
            return;
        }
        chain.doFilter(request, response);
    }
}
