package io.tollgate.integrations.servicetree;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.nio.charset.StandardCharsets;

/**
 * Allocates node ids from a counter znode by compare-and-set on its version: every successful set hands out a
 * range nobody else can get, and a lost race just reads again. Ids are never reused (an allocated id whose change
 * is never applied is simply skipped).
 */
final class IdAllocator {

    /** Each lost round means another caller won one, so this only bounds pathological contention. */
    private static final int MAX_ATTEMPTS = 10_000;

    private final TreeStore store;

    IdAllocator(TreeStore store) {
        this.store = store;
    }

    /** Reserves {@code count} consecutive ids and returns the first. */
    long allocate(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive");
        }
        return Zk.call("allocate node ids", () -> {
            String path = store.idsPath();
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Stat stat = new Stat();
                long last = Long.parseLong(new String(
                        store.client().getData().storingStatIn(stat).forPath(path), StandardCharsets.UTF_8).trim());
                try {
                    store.client().setData().withVersion(stat.getVersion())
                            .forPath(path, Long.toString(last + count).getBytes(StandardCharsets.UTF_8));
                    return last + 1;
                } catch (KeeperException.BadVersionException lostRace) {
                    // someone else took a range first: read again
                }
            }
            throw new IllegalStateException("could not allocate an id after " + MAX_ATTEMPTS + " attempts");
        });
    }
}
