package io.tollgate.integrations.zookeeper;

import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/**
 * The largest reply Tollgate's ZooKeeper client accepts. ZooKeeper's client refuses any reply above
 * {@code jute.maxbuffer} (1 MB by default) and drops the connection, so a {@code getChildren} of a znode with about
 * 100,000 children never answers; the server sends larger replies, it only limits what it receives. Tollgate's own
 * client is given room for the largest listing the service tree's limits allow ({@code TreeLimits}), without a JVM-wide
 * system property that would change every other ZooKeeper client in the process (ADR 0017).
 */
public final class ZooKeeperReplies {

    /** 16 MiB. */
    public static final int MAX_REPLY_BYTES = 16 * 1024 * 1024;

    private ZooKeeperReplies() {
    }

    /** The client settings to build Tollgate's Curator client with. */
    public static ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKConfig.JUTE_MAXBUFFER, Integer.toString(MAX_REPLY_BYTES));
        return config;
    }
}
