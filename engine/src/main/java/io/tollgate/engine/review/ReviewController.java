package io.tollgate.engine.review;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer for CI pipelines: {@code POST /api/v1/review} with the SQL (and optionally the target and
 * database) as JSON, the findings back as JSON. 200 when the script was reviewed (look at {@code errors}),
 * 413 when it was refused for its size, 400 for a malformed request. Authentication is the security
 * configuration's business ({@code /api/**}).
 */
@RestController
@RequestMapping("/api/v1/review")
class ReviewController {

    /** The request body; {@code target} and {@code database} are optional, {@code environment} defaults to PROD. */
    record Request(String sql, Target target, String database, Environment environment) {
    }

    /** Coordinates of the target instance; {@code port} defaults to 3306. */
    record Target(String host, Integer port, String user, String password) {
    }

    record Problem(String message) {
    }

    private final SqlReviewer reviewer;

    ReviewController(SqlReviewer reviewer) {
        this.reviewer = reviewer;
    }

    @PostMapping
    ResponseEntity<ReviewResult> review(@RequestBody Request body) {
        if (body == null || body.sql() == null) {
            throw new IllegalArgumentException("the request needs a \"sql\" field with the script to review");
        }
        TargetCoordinates target = body.target() == null ? null : new TargetCoordinates(body.target().host(),
                body.target().port() == null ? 3306 : body.target().port(), body.target().user(), body.target().password());
        ReviewResult result = reviewer.review(new ReviewRequest(body.sql(), target, body.database(), body.environment()));
        boolean tooLarge = result.refused() && result.message().contains("tollgate.review.max-script-bytes");
        return ResponseEntity.status(tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.OK).body(result);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Problem> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(new Problem(e.getMessage()));
    }
}
