package io.tollgate.engine.joblock;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long-running jobs keep their lock ({@code tollgate.job-locks.*}).
 *
 * @param keepEvery how often each node pushes back the lock expiry of the jobs it is running (to now plus the job
 *                  executor's lock time); zero turns the keeper off. Kept well under the lock time, and under
 *                  {@code tollgate.tickets.interrupted-run-settle}, so that a lock that stops moving means a node
 *                  that stopped.
 */
@ConfigurationProperties("tollgate.job-locks")
public record JobLockProperties(@DefaultValue("5s") Duration keepEvery) {

    public JobLockProperties {
        if (keepEvery.isNegative()) {
            throw new IllegalArgumentException("tollgate.job-locks.keep-every must not be negative");
        }
    }
}
