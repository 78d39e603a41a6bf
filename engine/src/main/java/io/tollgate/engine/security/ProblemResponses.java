package io.tollgate.engine.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.permission.ApiRequestRefused;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers a refusal in the security filters with Tollgate's API error shape ({@link ApiProblem}), written straight
 * into the response. Never through the servlet container's error page: that forward re-reads the refused request
 * (a multipart deployment, say) and ends in a stack trace in the log. A 403 is published as an
 * {@link ApiRequestRefused} for the audit trail, as Tollgate's own API does: a refused call on Camunda's REST API or
 * Cockpit's is evidence too.
 */
@Component
class ProblemResponses {

    static final String REALM = "tollgate";
    static final String BASIC_CHALLENGE = "Basic realm=\"" + REALM + "\"";
    static final String SIGN_IN = "Sign in with HTTP Basic as a Tollgate user.";

    private final ObjectMapper json;
    private final ApplicationEventPublisher events;

    ProblemResponses(ObjectMapper json, ApplicationEventPublisher events) {
        this.json = json;
        this.events = events;
    }

    /** 403 with the problem, recorded in the trail with the signed-in person, the call and the reason. */
    void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) throws IOException {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        String actor = person == null || !person.isAuthenticated() ? null : person.getName();
        events.publishEvent(new ApiRequestRefused(actor, request.getMethod(), request.getRequestURI(),
                problem.message(), request.getRemoteAddr(), false));
        send(response, HttpStatus.FORBIDDEN, problem);
    }

    void send(HttpServletResponse response, HttpStatus status, ApiProblem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), problem.withStatus(status.value()));
    }

    /** 401 with the HTTP Basic challenge. */
    AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, BASIC_CHALLENGE);
            send(response, HttpStatus.UNAUTHORIZED, ApiProblem.of(SIGN_IN));
        };
    }

    /** 403 for a person whose roles do not reach this part of the application at all. */
    AccessDeniedHandler forbidden(String message) {
        return (request, response, e) -> refuse(request, response, ApiProblem.of(message));
    }
}
