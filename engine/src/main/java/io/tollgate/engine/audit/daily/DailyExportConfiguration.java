package io.tollgate.engine.audit.daily;

import io.tollgate.engine.FixedDelaySchedule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every node looks for finished days to export when a folder is configured; a claim row keeps one export a day. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DailyExportProperties.class)
class DailyExportConfiguration {

    @Bean
    FixedDelaySchedule auditDailyExport(DailyAuditExport export, DailyExportProperties properties) {
        return new FixedDelaySchedule("audit-daily-export", export::exportFinishedDays, properties.checkEvery(),
                properties.enabled());
    }
}
