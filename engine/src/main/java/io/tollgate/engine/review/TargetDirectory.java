package io.tollgate.engine.review;

import java.util.Optional;

/**
 * Where registered instances are: the REST API reviews against an instance by name, never against coordinates a
 * caller makes up (that would let any signed-in caller make Tollgate connect anywhere).
 */
public interface TargetDirectory {

    Optional<TargetCoordinates> coordinates(String instanceName);
}
