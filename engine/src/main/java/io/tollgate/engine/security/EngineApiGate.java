package io.tollgate.engine.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The allow-list in front of Camunda's REST API, after Spring Security has decided who the person is and that their
 * roles reach the API at all. Per request, in this order:
 * <ol>
 *   <li>a call that is not a read, a listed query or a listed deployment is refused with 403, whoever asks, unless
 *   the mount lets admins make changes (Cockpit) and an admin asks;</li>
 *   <li>a query string carrying an expression is refused with 400;</li>
 *   <li>the body of a query, or any JSON body, is read (at most {@link #MAX_SCREENED_BODY_BYTES}, else 413), refused
 *   with 400 when it carries an expression or is not JSON, and otherwise handed on to Camunda as it came.</li>
 * </ol>
 * Any other body (a deployment, an admin's upload) is {@link BodyLimit#forCamunda}'s, after this filter.
 * Not a Spring bean, so that it runs only inside the filter chains it is added to.
 */
class EngineApiGate extends OncePerRequestFilter {

    static final int MAX_SCREENED_BODY_BYTES = 1024 * 1024;
    static final String CHANGE_REFUSED = "%s is for Camunda Modeler and for reading: %s is none of the reads, queries "
            + "and deployments it allows. Tickets and changes move through Tollgate's own API and UI, with their rules "
            + "(four eyes, recorded approvals).";
    static final String SCREEN_REFUSED = "Requests to Camunda's REST API carry no expressions (no orQueries, no "
            + "*Expression parameters, no ${...} or #{...} values), and query bodies are JSON.";
    static final String BODY_TOO_LARGE = "A query or JSON body may be at most " + MAX_SCREENED_BODY_BYTES + " bytes.";

    private static final Logger log = LoggerFactory.getLogger(EngineApiGate.class);

    private final List<EngineApiMount> mounts;
    private final ExpressionScreen screen;
    private final ProblemResponses problems;

    EngineApiGate(List<EngineApiMount> mounts, ExpressionScreen screen, ProblemResponses problems) {
        this.mounts = List.copyOf(mounts);
        this.screen = screen;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<EngineApiMount> mount = mounts.stream().filter(m -> m.claims(path)).findFirst();
        if (mount.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        EngineCall call = mount.get().classify(request.getMethod(), path);
        if (call == EngineCall.CHANGE && !(mount.get().adminsChange() && isAdmin())) {
            String what = request.getMethod() + " " + path;
            log.warn("Refused {} by {}: not on the allow-list of {}", what, personName(), mount.get().name());
            problems.refuse(request, response,
                    new ApiProblem(CHANGE_REFUSED.formatted(mount.get().name(), what), List.of(what)));
            return;
        }
        List<String> found = screen.inQueryString(request.getQueryString());
        if (!found.isEmpty()) {
            problems.send(response, HttpStatus.BAD_REQUEST, new ApiProblem(SCREEN_REFUSED, found));
            return;
        }
        if (call == EngineCall.QUERY || isJson(request)) {
            screenBody(request, response, chain);
            return;
        }
        chain.doFilter(request, response);
    }

    private void screenBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_SCREENED_BODY_BYTES) {
            problems.send(response, HttpStatus.PAYLOAD_TOO_LARGE, ApiProblem.of(BODY_TOO_LARGE));
            return;
        }
        // not closed: the container owns the stream
        byte[] body = request.getInputStream().readNBytes(MAX_SCREENED_BODY_BYTES + 1);
        if (body.length > MAX_SCREENED_BODY_BYTES) {
            problems.send(response, HttpStatus.PAYLOAD_TOO_LARGE, ApiProblem.of(BODY_TOO_LARGE));
            return;
        }
        List<String> found = body.length == 0 ? List.of() : screen.inJson(body);
        if (!found.isEmpty()) {
            problems.send(response, HttpStatus.BAD_REQUEST, new ApiProblem(SCREEN_REFUSED, found));
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static boolean isJson(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null) {
            return false;
        }
        try {
            MediaType media = MediaType.parseMediaType(type);
            return MediaType.APPLICATION_JSON.isCompatibleWith(media) || media.getSubtype().endsWith("+json");
        } catch (IllegalArgumentException e) {
            // an unreadable Content-Type: Camunda will not read the body as JSON either
            return false;
        }
    }

    private static boolean isAdmin() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        return person != null && person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(Role.ADMIN.authority()::equals);
    }

    private static String personName() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        return person == null ? "nobody" : person.getName();
    }
}
