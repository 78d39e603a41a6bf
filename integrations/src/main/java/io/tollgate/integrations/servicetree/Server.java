package io.tollgate.integrations.servicetree;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A server bound to an IDC leaf.
 *
 * @param hostname     the server's host name, unique within the leaf
 * @param offline      whether it is taken out of service
 * @param trafficRatio its share of the leaf's traffic, between 0 and 1 (the leaf's ratios sum to at most 1)
 */
public record Server(String hostname, boolean offline, BigDecimal trafficRatio) {

    public Server {
        Objects.requireNonNull(hostname, "hostname");
        trafficRatio = trafficRatio == null ? BigDecimal.ZERO : shared(trafficRatio.stripTrailingZeros());
    }

    /** The usual ratios (0.5, 0.25, 1, ...) are kept once, not once a server: a large tree has hundreds of thousands. */
    private static final java.util.Map<BigDecimal, BigDecimal> USUAL = new java.util.concurrent.ConcurrentHashMap<>();

    private static BigDecimal shared(BigDecimal ratio) {
        if (ratio.precision() > 3 || ratio.scale() > 3 || ratio.scale() < 0 || USUAL.size() > 2_000) {
            return ratio;
        }
        return USUAL.computeIfAbsent(ratio, key -> key);
    }

    Server withTrafficRatio(BigDecimal ratio) {
        return new Server(hostname, offline, ratio);
    }
}
