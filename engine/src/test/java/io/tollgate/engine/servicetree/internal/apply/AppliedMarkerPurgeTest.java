package io.tollgate.engine.servicetree.internal.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.tollgate.integrations.servicetree.ServiceTreeChanges;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Idempotency markers are purged once they are older than the retention (ZooKeeper's side: ServiceTreeChangesIT). */
class AppliedMarkerPurgeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T03:00:00Z");

    @Test
    void markersOlderThanTheRetentionArePurged() {
        ServiceTreeChanges changes = mock(ServiceTreeChanges.class);
        when(changes.forgetAppliedBefore(NOW.minus(Duration.ofDays(30)))).thenReturn(3);
        AppliedMarkerPurge purge = new AppliedMarkerPurge(changes, properties(Map.of()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(purge.purge()).isEqualTo(3);
        verify(changes).forgetAppliedBefore(NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void theRetentionIsConfigurable() {
        ServiceTreeChanges changes = mock(ServiceTreeChanges.class);
        AppliedMarkerPurge purge = new AppliedMarkerPurge(changes,
                properties(Map.of("tollgate.service-tree.audit.marker-retention", "90d")),
                Clock.fixed(NOW, ZoneOffset.UTC));

        purge.purge();

        verify(changes).forgetAppliedBefore(NOW.minus(Duration.ofDays(90)));
    }

    @Test
    void aRetentionShorterThanAnApplyCanBeRetriedIsRefused() {
        assertThatThrownBy(() -> properties(Map.of("tollgate.service-tree.audit.marker-retention", "10m")))
                .hasRootCauseMessage("tollgate.service-tree.audit.marker-retention (PT10M) must be at least a day:"
                        + " a marker must outlive every retry of its apply job");
    }

    @Test
    void interruptedAppliesAreReconciledWellWithinThirtySecondsByDefault() {
        ServiceTreeChangeProperties defaults = properties(Map.of());

        assertThat(defaults.reconcileInterval().plus(defaults.applySettleTime()))
                .isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    private static ServiceTreeChangeProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("tollgate.service-tree.audit", ServiceTreeChangeProperties.class);
    }
}
