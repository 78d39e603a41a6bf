package io.tollgate.engine.security;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import io.tollgate.engine.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * How large an {@code /api} request's body may be, checked before anything reads it: a body is parsed whole (a batch
 * of decisions into a JSON tree, a ticket's SQL into one string), so a reviewer's 300 MB batch ran the node out of
 * heap. A body that carries SQL (a submission, a resubmission, a review) may be {@link #SQL_BODY_BYTES}, which holds
 * the largest script the review reads (16 MiB) however JSON escapes it; the service tree's import is streamed to disk
 * and not limited; anything else may be {@link #BODY_BYTES}. A declared length is checked at once; a chunked body is
 * read up to its limit and handed on from memory. Over the limit: the one JSON problem, 413.
 */
class ApiBodyLimit extends OncePerRequestFilter {

    static final int BODY_BYTES = 4 * 1024 * 1024;
    static final int SQL_BODY_BYTES = 64 * 1024 * 1024;
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final List<PathPattern> SQL_BODIES = patterns("/api/v1/tickets", "/api/v1/tickets/*/resubmit",
            "/api/v1/review", "/api/v1/review/**");
    private static final List<PathPattern> STREAMED = patterns("/api/v1/service-tree/import");
    private static final Logger log = LoggerFactory.getLogger(ApiBodyLimit.class);

    private final ProblemResponses problems;

    ApiBodyLimit(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PathContainer path = PathContainer.parsePath(request.getRequestURI().substring(request.getContextPath().length()));
        if (WITHOUT_BODY.contains(request.getMethod()) || matches(STREAMED, path)) {
            chain.doFilter(request, response);
            return;
        }
        int limit = matches(SQL_BODIES, path) ? SQL_BODY_BYTES : BODY_BYTES;
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
        log.warn("Refused {} {} by {}: a body of {}", request.getMethod(), request.getRequestURI(),
                request.getRemoteUser(), size);
        problems.send(response, HttpStatus.PAYLOAD_TOO_LARGE, ApiProblem.of("the body of " + request.getMethod()
                + " " + request.getRequestURI() + " may be at most " + limit + " bytes (" + limit / (1024 * 1024)
                + " MiB)"));
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(p -> p.matches(path));
    }

    private static List<PathPattern> patterns(String... paths) {
        return java.util.Arrays.stream(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
