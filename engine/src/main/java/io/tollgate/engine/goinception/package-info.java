/**
 * goInception as a review backend (issue 17, ADR 0028): per instance, DBAs choose
 * {@link io.tollgate.engine.goinception.ReviewBackend} BUILT_IN (default), GOINCEPTION or BOTH
 * ({@link io.tollgate.engine.goinception.ReviewBackends}, UI and {@code /api/v1/instances/{name}/review-backend});
 * {@link io.tollgate.engine.goinception.InstanceReviewer} reviews with it. When goInception gives no usable answer,
 * {@link io.tollgate.engine.goinception.ReviewBackendUnavailableException}: nothing is passed, the ticket waits in
 * review and the review job is retried. The wire client is {@code io.tollgate.integrations.goinception}.
 */
package io.tollgate.engine.goinception;
