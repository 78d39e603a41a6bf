package io.tollgate.integrations.zookeeper;

import org.apache.curator.framework.CuratorFramework;

/**
 * A ZooKeeper session of its own for a cache that loads a whole subtree at once (the service tree view), so that the
 * application's other reads are not queued behind that load on the main session. Same credential and settings as
 * the main {@link CuratorFramework}; not a second bean of that type, so nothing gets it by accident.
 */
public final class ZooKeeperCacheSession implements AutoCloseable {

    private final CuratorFramework client;

    public ZooKeeperCacheSession(CuratorFramework client) {
        this.client = client;
    }

    public CuratorFramework client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
