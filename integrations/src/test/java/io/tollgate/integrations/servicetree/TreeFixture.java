package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.curator.test.TestingServer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Trees, clients and lookups shared by the service tree ITs. */
final class TreeFixture {

    private TreeFixture() {
    }

    /** A client that gives up quickly, so an unreachable server surfaces as an exception within seconds. */
    static CuratorFramework client(TestingServer server) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(server.getConnectString())
                .retryPolicy(new RetryNTimes(2, 100))
                .connectionTimeoutMs(1_000)
                .sessionTimeoutMs(30_000)
                .build();
        client.start();
        assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return client;
    }

    static String uniqueRoot() {
        return "/it/" + UUID.randomUUID();
    }

    static ChangeMeta meta(String requester) {
        return new ChangeMeta(UUID.randomUUID().toString(), requester, "because the test says so");
    }

    static TreeSpec node(String name, List<String> owners, TreeSpec... children) {
        return new TreeSpec(name, owners, List.of(), List.of(), Map.of(), List.of(children));
    }

    static TreeSpec idc(String name, List<String> urls, Server... servers) {
        return new TreeSpec(name, List.of(), List.of(servers), urls, Map.of(), List.of());
    }

    static Server server(String host, String ratio) {
        return new Server(host, false, new BigDecimal(ratio));
    }

    /**
     * <pre>
     * online (group:sre)
     *   loki (user:alice)
     *     api (user:bob)
     *       bj: h1 0.5, h2 0.5, http://api.bj/health
     *       sh
     *     web
     *   pay (user:carol)
     *     gateway
     *       gz: g1 1
     *   empty1, empty2
     * </pre>
     */
    static TreeSpec sampleTree() {
        return node("online", List.of("group:sre"),
                node("loki", List.of("user:alice"),
                        node("api", List.of("user:bob"),
                                idc("bj", List.of("http://api.bj/health"), server("h1", "0.5"), server("h2", "0.5")),
                                idc("sh", List.of())),
                        node("web", List.of())),
                node("pay", List.of("user:carol"),
                        node("gateway", List.of(), idc("gz", List.of(), server("g1", "1")))),
                node("empty1", List.of()),
                node("empty2", List.of()));
    }

    /** The id of the node at a path of names, read through the name index. */
    static long idOf(TreeStore store, String path) {
        long id = store.rootId().orElseThrow();
        String[] names = path.substring(1).split("/");
        assertThat(store.read(id).orElseThrow().node().name()).isEqualTo(names[0]);
        for (int i = 1; i < names.length; i++) {
            String name = names[i];
            id = store.childIds(id).stream()
                    .filter(child -> store.read(child).orElseThrow().node().name().equals(name))
                    .findFirst().orElseThrow(() -> new AssertionError("no node " + path));
        }
        return id;
    }

    /** Walks up from every node: each walk must reach the root without meeting a node twice. */
    static void assertNoCycle(TreeStore store) {
        List<Long> all = new ArrayList<>();
        collect(store, store.rootId().orElseThrow(), all, new HashSet<>());
        for (long id : all) {
            Set<Long> seen = new HashSet<>();
            Long current = id;
            while (current != null) {
                assertThat(seen.add(current)).as("cycle through node %d", current).isTrue();
                current = store.read(current).orElseThrow().node().parentId();
            }
        }
    }

    private static void collect(TreeStore store, long id, List<Long> all, Set<Long> seen) {
        if (seen.add(id)) {
            all.add(id);
            store.childIds(id).forEach(child -> collect(store, child, all, seen));
        }
    }
}
