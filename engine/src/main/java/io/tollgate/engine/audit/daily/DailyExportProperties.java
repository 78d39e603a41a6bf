package io.tollgate.engine.audit.daily;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daily export ({@code tollgate.audit.export}; from the environment {@code TOLLGATE_AUDIT_EXPORT_DIR}).
 *
 * @param dir        the folder the day files go to; unset: no daily export
 * @param checkEvery how often each node looks for finished days not exported yet
 * @param claimLease how long a day claimed by a node that has not finished it (it crashed) stays its own before
 *                   another node (or the same after a restart) exports it again
 * @param maxDaysPerRun the most days one look exports (a long catch-up goes on at the next look)
 */
@ConfigurationProperties("tollgate.audit.export")
public record DailyExportProperties(Path dir,
                                    @DefaultValue("10m") Duration checkEvery,
                                    @DefaultValue("30m") Duration claimLease,
                                    @DefaultValue("100") int maxDaysPerRun) {

    public boolean enabled() {
        return dir != null && !dir.toString().isBlank();
    }
}
