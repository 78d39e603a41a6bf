package io.tollgate.engine.servicetree;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of service-tree change approvals ({@code tollgate.service-tree.audit.*}). Each change takes the values in
 * force when it is requested.
 *
 * @param remindAfter how long approvals may wait before the approvers are reminded
 * @param expireAfter how long approvals may wait before the change expires; longer than {@code remindAfter}
 */
@ConfigurationProperties("tollgate.service-tree.audit")
public record ServiceTreeChangeProperties(
        @DefaultValue("24h") Duration remindAfter,
        @DefaultValue("7d") Duration expireAfter) {

    public ServiceTreeChangeProperties {
        if (expireAfter.compareTo(remindAfter) <= 0) {
            throw new IllegalArgumentException("tollgate.service-tree.audit.expire-after (" + expireAfter
                    + ") must be longer than remind-after (" + remindAfter + ")");
        }
    }
}
