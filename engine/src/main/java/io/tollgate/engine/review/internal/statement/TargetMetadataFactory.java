package io.tollgate.engine.review.internal.statement;

import io.tollgate.engine.review.TargetCoordinates;

/** Opens a (caching, read-only) view of a target instance for one review. */
@FunctionalInterface
public interface TargetMetadataFactory {

    /** @throws RuntimeException when the target cannot be reached; the reviewer reports it as {@code target.unreachable} */
    TargetMetadata open(TargetCoordinates coordinates);
}
