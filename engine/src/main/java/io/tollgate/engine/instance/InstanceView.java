package io.tollgate.engine.instance;

import java.time.Instant;

import io.tollgate.engine.review.Environment;

/** A registered instance as the UI and API may see it: never its password. */
public record InstanceView(String id, String name, String host, int port, String username, Environment environment,
                           boolean readOnly, String reviewerGroup, Instant updatedAt, String updatedBy) {
}
