package io.tollgate.engine.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * How large a request's body may be, checked before anything reads it: a body is parsed whole (a deployment by
 * Camunda, a batch of decisions into a JSON tree, a ticket's SQL into one string, a UI message into a string and then
 * JSON), so one 300 MB request ran the node out of heap, and on the login page nobody even had to sign in (ADR 0054).
 * A declared length is checked at once; a chunked body is read up to its limit and handed on from memory. Over the
 * limit: the one JSON problem, 413.
 * <ul>
 *   <li>{@link #forCamunda}: 10 MiB for any body to Camunda's REST API and webapps (a deployment of BPMN, DMN and
 *   forms; an admin's upload in Cockpit), which read a multipart body whole, several copies of it; the queries and JSON
 *   bodies that {@code EngineApiGate} screens are 1 MiB;</li>
 *   <li>{@link #forApi}: 64 MiB where the body carries SQL (a submission, a resubmission, a review: the review's
 *   largest script, 16 MiB, however JSON escapes it), not limited for the service tree's import (streamed to disk),
 *   4 MiB anywhere else;</li>
 *   <li>{@link #forPages}: 64 MiB for a signed-in person (the SQL editor sends the script it holds), 1 MiB before
 *   signing in (the login page's messages are a few hundred bytes).</li>
 * </ul>
 */
public final class BodyLimit extends OncePerRequestFilter {

    static final int SMALL_BYTES = 1024 * 1024;
    static final int CAMUNDA_BYTES = 10 * 1024 * 1024;
    static final int BODY_BYTES = 4 * 1024 * 1024;
    static final int SQL_BODY_BYTES = 64 * 1024 * 1024;
    private static final int UNLIMITED = -1;
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<PathPattern> SQL_BODIES = patterns("/api/v1/tickets", "/api/v1/tickets/*/resubmit",
            "/api/v1/review", "/api/v1/review/**");
    private static final List<PathPattern> STREAMED = patterns("/api/v1/service-tree/import");
    private static final Logger log = LoggerFactory.getLogger(BodyLimit.class);

    private final ProblemResponses problems;
    private final ToIntFunction<HttpServletRequest> limitOf;

    private BodyLimit(ProblemResponses problems, ToIntFunction<HttpServletRequest> limitOf) {
        this.problems = problems;
        this.limitOf = limitOf;
    }

    static BodyLimit forCamunda(ProblemResponses problems) {
        return new BodyLimit(problems, request -> CAMUNDA_BYTES);
    }

    static BodyLimit forApi(ProblemResponses problems) {
        return new BodyLimit(problems, request -> {
            PathContainer path = PathContainer.parsePath(request.getRequestURI()
                    .substring(request.getContextPath().length()));
            return matches(STREAMED, path) ? UNLIMITED : matches(SQL_BODIES, path) ? SQL_BODY_BYTES : BODY_BYTES;
        });
    }

    /** For the UI's chain, after the person is known (signed in, or anonymous). */
    public static BodyLimit forPages(ObjectMapper json) {
        // it answers 413 only, which is not recorded: no publisher needed
        return new BodyLimit(new ProblemResponses(json, event -> { }), request -> signedIn() ? SQL_BODY_BYTES
                : SMALL_BYTES);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int limit = WITHOUT_BODY.contains(request.getMethod()) ? UNLIMITED : limitOf.applyAsInt(request);
        if (limit == UNLIMITED) {
            chain.doFilter(request, response);
            return;
        }
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(request, response, limit, declared + " bytes");
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        // not closed: the container owns the stream
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            tooLarge(request, response, limit, "more than " + limit + " bytes");
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, int limit, String size)
            throws IOException {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        log.warn("Refused {} {} by {}: a body of {}", request.getMethod(), request.getRequestURI(),
                person == null ? "nobody" : person.getName(), size);
        problems.send(response, HttpStatus.PAYLOAD_TOO_LARGE, ApiProblem.of("the body of " + request.getMethod()
                + " " + request.getRequestURI() + " may be at most " + limit + " bytes (" + limit / (1024 * 1024)
                + " MiB)"));
    }

    private static boolean signedIn() {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        return person != null && person.isAuthenticated() && !(person instanceof AnonymousAuthenticationToken);
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> patterns(String... paths) {
        return java.util.Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
