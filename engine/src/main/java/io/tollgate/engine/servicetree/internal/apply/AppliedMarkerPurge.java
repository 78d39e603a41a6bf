package io.tollgate.engine.servicetree.internal.apply;

import java.time.Clock;

import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the idempotency markers of changes applied longer ago than {@code marker-retention} (default 30 days), so
 * that ZooKeeper does not keep one per change forever. Runs every hour on every node; purging is idempotent.
 */
class AppliedMarkerPurge {

    private static final Logger log = LoggerFactory.getLogger(AppliedMarkerPurge.class);

    private final ServiceTreeChanges changes;
    private final ServiceTreeChangeProperties properties;
    private final Clock clock;

    AppliedMarkerPurge(ServiceTreeChanges changes, ServiceTreeChangeProperties properties, Clock clock) {
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many markers were deleted */
    int purge() {
        int deleted = changes.forgetAppliedBefore(clock.instant().minus(properties.markerRetention()));
        if (deleted > 0) {
            log.info("purged {} service-tree apply markers older than {}", deleted, properties.markerRetention());
        }
        return deleted;
    }
}
