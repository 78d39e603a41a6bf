package io.tollgate.engine.review;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.ApiProblem;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer for CI pipelines: {@code POST /api/v1/review} with the SQL (and optionally a registered instance's
 * name and a database) as JSON, the findings back as JSON. 200 when the script was reviewed (look at {@code errors}),
 * 413 when it was refused for its size, 400 for a malformed request. Authentication is the security
 * configuration's business ({@code /api/**}).
 */
@RestController
@RequestMapping("/api/v1/review")
class ReviewController {

    /**
     * The request body; {@code instance} (a registered instance's name) and {@code database} are optional,
     * {@code environment} defaults to PROD.
     */
    record Request(String sql, String instance, String database, Environment environment) {
    }

    private final SqlReviewer reviewer;
    private final TargetDirectory targets;
    private final InstanceReview instanceReview;

    ReviewController(SqlReviewer reviewer, TargetDirectory targets, InstanceReview instanceReview) {
        this.reviewer = reviewer;
        this.targets = targets;
        this.instanceReview = instanceReview;
    }

    @PostMapping
    ResponseEntity<ReviewResult> review(@RequestBody Request body, Authentication user) {
        Permissions.require(user, Permission.SELF_CHECK);
        if (body == null || body.sql() == null) {
            throw new IllegalArgumentException("the request needs a \"sql\" field with the script to review");
        }
        if (body.database() != null && !body.database().isBlank()
                && !ReviewRequest.DATABASE_NAME.matcher(body.database().strip()).matches()) {
            throw new InvalidRequestException("database", "the database must be " + ReviewRequest.DATABASE_NAME_RULE);
        }
        TargetCoordinates target = body.instance() == null || body.instance().isBlank() ? null
                : targets.coordinates(body.instance().strip()).orElseThrow(() ->
                        new IllegalArgumentException("no instance named '" + body.instance().strip() + "' is registered"));
        ReviewRequest request = new ReviewRequest(body.sql(), target, body.database(), body.environment());
        // with an instance, the instance's review backend (built-in, goInception or both) reviews, as for its tickets
        ReviewResult result = target == null ? reviewer.review(request)
                : instanceReview.review(body.instance().strip(), request);
        boolean tooLarge = result.refused() && result.message().contains("tollgate.review.max-script-bytes");
        return ResponseEntity.status(tooLarge ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.OK).body(result);
    }

    /** The instance's backend gave no answer: not reviewed, and said so (a pipeline must not read it as a pass). */
    @ExceptionHandler(ReviewUnavailableException.class)
    ResponseEntity<ApiProblem> unavailable(ReviewUnavailableException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiProblem> badRequest(IllegalArgumentException e) {
        return ApiProblem.of(e.getMessage()).answer(HttpStatus.BAD_REQUEST);
    }
}
