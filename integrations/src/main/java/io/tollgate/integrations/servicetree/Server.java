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
        trafficRatio = trafficRatio == null ? BigDecimal.ZERO : trafficRatio.stripTrailingZeros();
    }

    Server withTrafficRatio(BigDecimal ratio) {
        return new Server(hostname, offline, ratio);
    }
}
