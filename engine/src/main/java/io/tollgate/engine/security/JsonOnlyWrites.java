package io.tollgate.engine.security;

import java.io.IOException;
import java.util.Set;

import io.tollgate.engine.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/**} writes (POST, PUT, PATCH, DELETE) need {@code Content-Type: application/json} or the
 * {@value #CLIENT_HEADER} header: a browser holding cached HTTP Basic credentials can be made to send a form or a
 * text/plain request from another site, but not either of these without a CORS preflight Tollgate never answers. So
 * no other site can withdraw, execute or approve a ticket in someone's name. Anything else is 415.
 */
class JsonOnlyWrites extends OncePerRequestFilter {

    /** What a script may send instead of a JSON body, e.g. {@code X-Tollgate-Client: ci}. */
    static final String CLIENT_HEADER = "X-Tollgate-Client";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProblemResponses problems;

    JsonOnlyWrites(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (WRITES.contains(request.getMethod()) && !json(request.getContentType())
                && request.getHeader(CLIENT_HEADER) == null) {
            problems.send(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiProblem.of("send " + request.getMethod()
                    + " requests to " + request.getRequestURI() + " with Content-Type: application/json (or the "
                    + CLIENT_HEADER + " header)"));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(contentType));
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }
}
