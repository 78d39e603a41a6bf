package io.tollgate.engine.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.tollgate.engine.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Answers what Spring Security's firewall rejects (a path with {@code //}, {@code ..}, encoded slashes, ...) with 400
 * and one log line. Without it the rejection is thrown on to the servlet container, which logs its stack trace and
 * forwards to the error page; anyone could fill the log that way, without signing in.
 */
@Component
class QuietRequestRejection implements RequestRejectedHandler {

    static final String REFUSED = "The request was refused: its path or headers are not in a form Tollgate accepts.";
    private static final Logger log = LoggerFactory.getLogger(QuietRequestRejection.class);

    private final ProblemResponses problems;

    QuietRequestRejection(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        log.info("Refused {} {}: {}", request.getMethod(), printable(request.getRequestURI()),
                printable(rejected.getMessage()));
        problems.send(response, HttpStatus.BAD_REQUEST, ApiProblem.of(REFUSED));
    }

    /** Keeps one log line one line, whatever the request carried. */
    private static String printable(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
