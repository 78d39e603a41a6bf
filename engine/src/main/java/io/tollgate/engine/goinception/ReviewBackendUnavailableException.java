package io.tollgate.engine.goinception;

/**
 * The review backend an instance is set to did not answer usably, so the script is not reviewed: the ticket stays in
 * review with this sentence as its finding and the review is retried. Never carries a password.
 */
public class ReviewBackendUnavailableException extends io.tollgate.engine.review.ReviewUnavailableException {

    public ReviewBackendUnavailableException(String message) {
        super(message);
    }
}
