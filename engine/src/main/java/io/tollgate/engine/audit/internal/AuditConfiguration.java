package io.tollgate.engine.audit.internal;

import java.time.Duration;

import io.tollgate.engine.FixedDelaySchedule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sealer runs every second on every node; the head's row lock lets one at a time chain. Finished days are
 * anchored within ten minutes of midnight UTC (once their entries are sealed).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    FixedDelaySchedule auditSealing(AuditSealer sealer,
                                    @Value("${tollgate.audit.seal-every:PT1S}") Duration every) {
        return new FixedDelaySchedule("audit-sealer", () -> {
            while (sealer.sealSome() == AuditSealer.BATCH) {
                // a backlog: keep sealing
            }
        }, every, true);
    }

    /** Camunda's user operation log is copied into the trail every few seconds (each operation once). */
    @Bean
    FixedDelaySchedule auditEngineOperations(EngineOperationAudit operations,
                                             @Value("${tollgate.audit.engine-operations-every:PT5S}") Duration every) {
        return new FixedDelaySchedule("audit-engine-operations", () -> {
            while (operations.copyNew() > 0) {
                // more than a page waiting: keep copying
            }
        }, every, true);
    }

    /** Every node looks for finished days to anchor; a day's primary key keeps one anchor per day. */
    @Bean
    FixedDelaySchedule auditAnchoring(AuditAnchors anchors,
                                      @Value("${tollgate.audit.anchor-check-every:PT10M}") Duration every) {
        return new FixedDelaySchedule("audit-anchors", anchors::anchorFinishedDays, every, true);
    }
}
