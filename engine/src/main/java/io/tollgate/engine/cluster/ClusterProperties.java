package io.tollgate.engine.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the nodes of one installation tell each other about changes.
 *
 * @param path the znode under which the nodes register ({@code nodes}) and signals are written ({@code signals})
 * @param retention how long a signal stays in ZooKeeper before any node purges it; receivers read it within
 *                  milliseconds, this only bounds how many are kept (and what a node reconnecting late still gets)
 * @param safetySweep how often consumers re-read on their own, to cover signals lost; also how often they are told
 *                    {@code missed()} while this node is cut off from ZooKeeper
 */
@ConfigurationProperties("tollgate.cluster")
public record ClusterProperties(
        @DefaultValue("/tollgate/cluster") String path,
        @DefaultValue("30s") Duration retention,
        @DefaultValue("10s") Duration safetySweep) {
}
