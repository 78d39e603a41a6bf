package io.tollgate.engine.servicetree.internal.apply;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of service-tree changes ({@code tollgate.service-tree.audit.*}). Each change takes the reminder and expiry in
 * force when it is requested.
 *
 * @param remindAfter       how long approvals may wait before the approvers are reminded
 * @param expireAfter       how long approvals may wait before the change expires; longer than {@code remindAfter}
 * @param markerRetention   how long the apply's idempotency marker of a change is kept in ZooKeeper; at least a day, so
 *                          that it outlives every retry of the apply job (five, 30 s apart, after a lock time of
 *                          minutes)
 * @param reconcileInterval how often each node looks for applies interrupted after ZooKeeper committed (the node died
 *                          before its database did), to record them as applied without waiting for the job's lock
 * @param applySettleTime   how old such a marker must be before it counts as interrupted: a running apply commits its
 *                          database transaction well within this
 * @param maxOpenPerRequester how many changes one person may have open at once (waiting for approval, for their apply,
 *                          or for them after a conflict): a script gone wrong would otherwise bury everyone's approvals
 *                          under its own (the approvals listed are the newest)
 * @param strandedCheck     how often each node looks for changes whose process an admin ended in the engine while they
 *                          waited for it (approvals, the apply, a conflict's decision), to start it anew; such a change
 *                          must have been unchanged this long
 */
@ConfigurationProperties("tollgate.service-tree.audit")
public record ServiceTreeChangeProperties(
        @DefaultValue("24h") Duration remindAfter,
        @DefaultValue("7d") Duration expireAfter,
        @DefaultValue("30d") Duration markerRetention,
        @DefaultValue("10s") Duration reconcileInterval,
        @DefaultValue("15s") Duration applySettleTime,
        @DefaultValue("100") int maxOpenPerRequester,
        @DefaultValue("30s") Duration strandedCheck) {

    public ServiceTreeChangeProperties {
        if (expireAfter.compareTo(remindAfter) <= 0) {
            throw new IllegalArgumentException("tollgate.service-tree.audit.expire-after (" + expireAfter
                    + ") must be longer than remind-after (" + remindAfter + ")");
        }
        if (maxOpenPerRequester < 1) {
            throw new IllegalArgumentException("tollgate.service-tree.audit.max-open-per-requester ("
                    + maxOpenPerRequester + ") must be at least 1");
        }
        if (markerRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("tollgate.service-tree.audit.marker-retention (" + markerRetention
                    + ") must be at least a day: a marker must outlive every retry of its apply job");
        }
    }
}
