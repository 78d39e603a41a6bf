package io.tollgate.engine.review;

/**
 * Reviews a script for a registered instance with the review backend that instance is set to (Tollgate's rules,
 * goInception or both: issue 17). Declared here and implemented by the backends' feature, so that the REST self-check
 * of this package reviews as tickets do without depending on it.
 */
public interface InstanceReview {

    /**
     * @throws ReviewUnavailableException when the instance's backend gave no usable answer: nothing was reviewed
     */
    ReviewResult review(String instanceName, ReviewRequest request);
}
