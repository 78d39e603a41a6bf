package io.tollgate.engine.goinception;

import io.tollgate.engine.review.ReviewProperties;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.SqlReviewer;
import io.tollgate.integrations.goinception.GoInceptionClient;
import io.tollgate.integrations.goinception.GoInceptionTarget;
import io.tollgate.integrations.goinception.GoInceptionUnavailableException;
import org.springframework.stereotype.Component;

/**
 * Reviews a script with the backend its instance is set to: the built-in reviewer, goInception, or both merged.
 * Tollgate's own split (statements, lines, kinds, reversibility, risk) always comes from the built-in reviewer;
 * goInception's rows are laid onto it ({@link MergedReview}).
 */
@Component
public class InstanceReviewer implements io.tollgate.engine.review.InstanceReview {

    private final SqlReviewer builtIn;
    private final GoInceptionSqlReviewer goInception;
    private final ReviewBackends backends;

    InstanceReviewer(SqlReviewer builtIn, GoInceptionClient client, ReviewBackends backends, ReviewProperties properties) {
        this.builtIn = builtIn;
        this.backends = backends;
        this.goInception = new GoInceptionSqlReviewer(builtIn, client, ReviewBackend.BOTH, properties);
    }

    /**
     * @param instanceName the registered instance the request's target belongs to
     * @throws ReviewBackendUnavailableException when the instance uses goInception and it gives no usable answer:
     *                                           the script is then not reviewed at all
     */
    @Override
    public ReviewResult review(String instanceName, ReviewRequest request) {
        ReviewBackend backend = backends.of(instanceName);
        return backend.usesGoInception() ? goInception.review(request, backend) : builtIn.review(request);
    }

    public ReviewBackend backendOf(String instanceName) {
        return backends.of(instanceName);
    }

    /** The goInception backend as a {@link SqlReviewer}; {@code backend} says whether built-in rules count too. */
    static final class GoInceptionSqlReviewer implements SqlReviewer {

        private final SqlReviewer builtIn;
        private final GoInceptionClient client;
        private final ReviewBackend backend;
        private final ReviewProperties properties;

        GoInceptionSqlReviewer(SqlReviewer builtIn, GoInceptionClient client, ReviewBackend backend,
                               ReviewProperties properties) {
            this.builtIn = builtIn;
            this.client = client;
            this.backend = backend;
            this.properties = properties;
        }

        @Override
        public ReviewResult review(ReviewRequest request) {
            return review(request, backend);
        }

        ReviewResult review(ReviewRequest request, ReviewBackend as) {
            ReviewResult split = builtIn.review(request);
            if (split.refused()) {
                return split;
            }
            if (request.target() == null) {
                throw new ReviewBackendUnavailableException("goInception reviews against an instance, and none was given");
            }
            GoInceptionTarget target = new GoInceptionTarget(request.target().host(), request.target().port(),
                    request.target().user(), request.target().password(), request.database());
            try {
                return MergedReview.merge(split, client.check(target, request.sql()), request.database(), as,
                        properties.maxAffectedRows());
            } catch (GoInceptionUnavailableException e) {
                throw new ReviewBackendUnavailableException(e.getMessage());
            }
        }
    }
}
