package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.TargetCoordinates;

/** Opens a (caching, read-only) view of a target instance for one review. */
@FunctionalInterface
interface TargetMetadataFactory {

    /** @throws RuntimeException when the target cannot be reached; the reviewer reports it as {@code target.unreachable} */
    TargetMetadata open(TargetCoordinates coordinates);
}
