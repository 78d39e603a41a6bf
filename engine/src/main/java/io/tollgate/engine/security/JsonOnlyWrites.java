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
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code /api/**} writes (POST, PUT, PATCH, DELETE) need {@code Content-Type: application/json} or the
 * {@value #CLIENT_HEADER} header: a browser holding cached HTTP Basic credentials can be made to send a form or a
 * text/plain request from another site, but not either of these without a CORS preflight Tollgate never answers. So
 * no other site can withdraw, execute or approve a ticket in someone's name. Anything else is 415, unless no endpoint
 * takes the request's method at its path at all: then Spring MVC answers, 404 or 405 with {@code Allow} (a DELETE
 * where only GET and POST exist is a wrong method, not a wrong media type), as nothing can act on it.
 */
class JsonOnlyWrites extends OncePerRequestFilter {

    /** What a script may send instead of a JSON body, e.g. {@code X-Tollgate-Client: ci}. */
    static final String CLIENT_HEADER = "X-Tollgate-Client";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProblemResponses problems;
    private final HandlerMapping endpoints;

    JsonOnlyWrites(ProblemResponses problems, HandlerMapping endpoints) {
        this.problems = problems;
        this.endpoints = endpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (WRITES.contains(request.getMethod()) && !json(request.getContentType())
                && request.getHeader(CLIENT_HEADER) == null && answered(request)) {
            problems.send(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiProblem.of("send " + request.getMethod()
                    + " requests to " + request.getRequestURI() + " with Content-Type: application/json (or the "
                    + CLIENT_HEADER + " header)"));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Whether an endpoint takes this method at this path (asked only of a request about to be refused). Anything
     * unexpected counts as taken, so that the request is refused.
     */
    private boolean answered(HttpServletRequest request) {
        Object previous = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return endpoints.getHandler(request) != null;
        } catch (HttpRequestMethodNotSupportedException wrongMethod) {
            return false;
        } catch (Exception unexpected) {
            return true;
        } finally {
            if (previous == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, previous);
            }
        }
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            type.getCharset(); // a charset the JVM does not know would fail the body's reading, a 500
            return MediaType.APPLICATION_JSON.isCompatibleWith(type);
        } catch (IllegalArgumentException unreadable) {
            // InvalidMimeTypeException, InvalidMediaTypeException, UnsupportedCharsetException: all of them
            return false;
        }
    }
}
