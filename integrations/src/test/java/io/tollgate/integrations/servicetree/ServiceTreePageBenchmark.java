package io.tollgate.integrations.servicetree;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tollgate.integrations.zookeeper.ZooKeeperReplies;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

/**
 * What the service tree page waits for, on a large realistic tree ({@link RealisticTree}) in a real in-process
 * ZooKeeper server: the reads its lazy TreeGrid makes to open (the root, its child count, the first page of 50
 * children) and to expand a service with 1,000 IDCs (its first page), timed right after a start (while the view is
 * still loading the tree: read from ZooKeeper's name index) and once the view has loaded (from memory), with the
 * view's full load for comparison. Tollgate's ZooKeeper client settings ({@link ZooKeeperReplies}), so trees beyond
 * 110,000 nodes load too. A command, not a test:
 * <pre>
 * ./mvnw -q -pl integrations -am test-compile
 * MAVEN_OPTS="-Xmx768m" ./mvnw -q -pl integrations exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tollgate.integrations.servicetree.ServiceTreePageBenchmark [-Dexec.args="NODES"]
 * </pre>
 */
public final class ServiceTreePageBenchmark {

    private static final String ROOT = "/bench/pages";
    private static final int PAGE = 50;
    private static final int RUNS = 9;

    private ServiceTreePageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        run(nodes, System.out);
        System.exit(0); // Curator's and ZooKeeper's threads would keep exec:java waiting
    }

    static void run(int nodes, PrintStream out) throws Exception {
        out.printf("service tree page benchmark: %,d nodes, max heap %,d MB, %d cores, load average %s%n", nodes,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(),
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        Path document = Files.createTempFile("service-tree-", ".json");
        try (TestingServer server = new TestingServer()) {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(document), 1 << 16)) {
                RealisticTree.write(nodes, file);
            }
            long start = System.nanoTime();
            try (CuratorFramework client = client(server)) {
                new ServiceTreeImporter(client, ROOT).importIfEmpty(() -> Files.newInputStream(document), p -> {
                });
            }
            out.printf("import                                          %,8d ms%n", millis(start));

            // a start: a new session, the view begins loading, and the page is opened at once
            boolean shared = Boolean.getBoolean("bench.sharedSession");
            try (CuratorFramework client = client(server); CuratorFramework cacheClient = client(server);
                 ServiceTreeView view = shared ? new ServiceTreeView(client, ROOT)
                         : new ServiceTreeView(cacheClient, client, ROOT)) {
                out.printf("the view's cache on %s%n", shared ? "the readers' session (-Dbench.sharedSession=true)"
                        : "a session of its own, as the application runs it");
                long started = System.nanoTime();
                view.start();
                long bigService = bigService(view);
                List<Long> open = new ArrayList<>();
                List<Long> expand = new ArrayList<>();
                int loadedDuring = 0;
                for (int i = 0; i < RUNS && !view.isLoaded(); i++) {
                    open.add(openPage(view));
                    expand.add(expandPage(view, bigService));
                    loadedDuring = view.size();
                }
                out.printf("while the view loads (%,d of %,d nodes loaded by the last run), from ZooKeeper:%n",
                        loadedDuring, nodes);
                out.printf("  open the page (root, count, first %d children)  median %,8.1f ms  max %,8.1f ms  (%d runs)%n",
                        PAGE, median(open), max(open), open.size());
                out.printf("  expand a service of 1,000 IDCs (first %d)        median %,8.1f ms  max %,8.1f ms%n",
                        PAGE, median(expand), max(expand));
                if (!view.awaitLoaded(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the view did not load");
                }
                out.printf("the view's full load (before: what the page waited for) %,8d ms  (%,d nodes)%n",
                        millis(started), view.size());
                open.clear();
                expand.clear();
                for (int i = 0; i < RUNS; i++) {
                    open.add(openPage(view));
                    expand.add(expandPage(view, bigService));
                }
                out.printf("once loaded, from memory:%n");
                out.printf("  open the page                                   median %,8.1f ms  max %,8.1f ms%n",
                        median(open), max(open));
                out.printf("  expand a service of 1,000 IDCs                  median %,8.1f ms  max %,8.1f ms%n",
                        median(expand), max(expand));
            }
        } finally {
            Files.deleteIfExists(document);
        }
    }

    /** What the TreeGrid asks to show the page: the root, whether it has children, the first page of them. */
    private static long openPage(ServiceTreeView view) {
        long start = System.nanoTime();
        NodeView root = view.root().orElseThrow();
        int count = view.childCount(root.node().id());
        List<NodeView> page = view.children(root.node().id(), 0, PAGE);
        page.forEach(child -> view.childCount(child.node().id())); // each row's expand toggle
        if (count == 0 || page.isEmpty()) {
            throw new IllegalStateException("an empty first page");
        }
        return System.nanoTime() - start;
    }

    private static long expandPage(ServiceTreeView view, long service) {
        long start = System.nanoTime();
        int count = view.childCount(service);
        List<NodeView> page = view.children(service, 0, PAGE);
        page.forEach(child -> view.childCount(child.node().id()));
        if (count != 1_000 || page.size() != PAGE) {
            throw new IllegalStateException("expected 1,000 IDCs, found " + count);
        }
        return System.nanoTime() - start;
    }

    private static long bigService(ServiceTreeView view) {
        NodeView root = view.root().orElseThrow();
        NodeView line = view.children(root.node().id(), 0, 500).stream()
                .filter(n -> n.node().name().equals("pl-00-search")).findFirst().orElseThrow();
        return view.children(line.node().id(), 0, TreeLimits.MAX_CHILDREN).stream()
                .filter(n -> n.node().name().equals("big-service")).findFirst().orElseThrow().node().id();
    }

    private static CuratorFramework client(TestingServer server) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .retryPolicy(new ExponentialBackoffRetry(100, 3)).zkClientConfig(ZooKeeperReplies.clientConfig())
                .build();
        client.start();
        if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ZooKeeper session");
        }
        return client;
    }

    private static double median(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }

    private static double max(List<Long> nanos) {
        return nanos.isEmpty() ? Double.NaN : Collections.max(nanos) / 1e6;
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
