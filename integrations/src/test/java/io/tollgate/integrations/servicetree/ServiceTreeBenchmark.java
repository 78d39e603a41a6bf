package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures the service tree at scale in a real (in-process) ZooKeeper server: builds a tree of 100,000 nodes,
 * loads it into the UI's cache, opens a node with 1,000 children, and applies a bounded number of changes.
 * A command, not a test:
 * <pre>
 * ./mvnw -q -pl integrations -am test-compile
 * ./mvnw -q -pl integrations exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tollgate.integrations.servicetree.ServiceTreeBenchmark [-Dexec.args="NODES CHANGES"]
 * </pre>
 */
public final class ServiceTreeBenchmark {

    private static final int LINES = 10;
    private static final int IDCS_PER_SERVICE = 100;
    private static final int WARM_UP = 20;
    private static final String ROOT = "/bench/service-tree";

    private ServiceTreeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        run(nodes, changes, System.out);
        System.exit(0); // Curator's and ZooKeeper's threads would keep exec:java waiting
    }

    /** What one run measured, in milliseconds. */
    record Result(int nodes, int bigChildren, long importMs, long cacheLoadMs, double openCachedMs,
                  double openZooKeeperMs, double searchMs, double[] validateMs, double[] applyMs,
                  double[] visibleMs) {
    }

    static Result run(int nodes, int changes, PrintStream out) throws Exception {
        try (TestingServer server = new TestingServer();
             CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                     new ExponentialBackoffRetry(100, 3))) {
            client.start();
            client.blockUntilConnected(30, TimeUnit.SECONDS);
            int big = Math.min(1_000, nodes / 4);
            out.printf("service tree benchmark: %,d nodes (one service with %,d IDCs), %d changes after %d warm-up%n",
                    nodes, big, changes, WARM_UP);

            long start = System.nanoTime();
            int imported = new ServiceTreeImporter(client, ROOT).importIfEmpty(tree(nodes, big));
            long importMs = millis(start);
            out.printf("build the tree in ZooKeeper (import, %,d nodes)   %,8d ms%n", imported, importMs);

            try (ServiceTreeView view = new ServiceTreeView(client, ROOT)) {
                start = System.nanoTime();
                view.start();
                if (!view.awaitLoaded(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the cache did not load");
                }
                long cacheLoadMs = millis(start);
                out.printf("load it into the cache (ServiceTreeView)          %,8d ms  (%,d nodes)%n",
                        cacheLoadMs, view.size());

                start = System.nanoTime();
                long bigId = view.search("big-service", 1).get(0).node().id();
                double searchMs = millisExact(start);
                double openCachedMs = median(repeat(21, () -> view.children(bigId).size(), big));
                TreeStore store = new TreeStore(client, ROOT);
                double openZooKeeperMs = median(repeat(5, () -> {
                    int read = 0;
                    for (long child : store.childIds(bigId)) {
                        read += store.read(child).isPresent() ? 1 : 0;
                    }
                    return read;
                }, big));
                out.printf("open a node with %,d children, from the cache     %,11.3f ms (median)%n", big, openCachedMs);
                out.printf("open a node with %,d children, from ZooKeeper     %,11.3f ms (median)%n", big,
                        openZooKeeperMs);
                out.printf("search a name over the cache                      %,11.3f ms%n", searchMs);

                double[][] latencies = applyChanges(client, view, changes);
                out.printf("validate a change (snapshot)        p50 %8.3f ms  p95 %8.3f ms%n",
                        percentile(latencies[0], 50), percentile(latencies[0], 95));
                out.printf("apply a change (one transaction)    p50 %8.3f ms  p95 %8.3f ms%n",
                        percentile(latencies[1], 50), percentile(latencies[1], 95));
                out.printf("apply until visible in the cache    p50 %8.3f ms  p95 %8.3f ms%n",
                        percentile(latencies[2], 50), percentile(latencies[2], 95));
                return new Result(imported, view.childCount(bigId), importMs, cacheLoadMs, openCachedMs,
                        openZooKeeperMs, searchMs, latencies[0], latencies[1], latencies[2]);
            }
        }
    }

    /** Re-balances the traffic of random IDCs; returns validate, apply and apply-to-visible latencies. */
    private static double[][] applyChanges(CuratorFramework client, ServiceTreeView view, int changes)
            throws Exception {
        ServiceTreeChanges cycle = new ServiceTreeChanges(client, ROOT, view);
        List<NodeView> idcs = view.search("idc-", Integer.MAX_VALUE);
        Random random = new Random(42);
        AtomicReference<Long> awaited = new AtomicReference<>();
        AtomicReference<CountDownLatch> shown = new AtomicReference<>(new CountDownLatch(1));
        double[][] latencies = new double[3][changes];
        try (AutoCloseable subscription = view.onChange(id -> {
            if (Long.valueOf(id).equals(awaited.get())) {
                shown.get().countDown();
            }
        })) {
            for (int i = -WARM_UP; i < changes; i++) {
                NodeView idc = view.node(idcs.get(random.nextInt(idcs.size())).node().id()).orElseThrow();
                Server first = idc.node().servers().get(0);
                BigDecimal ratio = first.trafficRatio().compareTo(new BigDecimal("0.5")) == 0
                        ? new BigDecimal("0.25") : new BigDecimal("0.5");
                long start = System.nanoTime();
                ChangePlan plan = cycle.validate(new ServiceTreeChange.SetTrafficRatios(
                        new ChangeMeta("bench-" + (i + WARM_UP), "bench", "benchmark"), idc.node().id(),
                        Map.of(first.hostname(), ratio)));
                double validateMs = millisExact(start);
                awaited.set(idc.node().id());
                shown.set(new CountDownLatch(1));
                start = System.nanoTime();
                ApplyResult result = cycle.apply(plan);
                double applyMs = millisExact(start);
                if (!result.applied() || !shown.get().await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("change " + plan.changeId() + " did not apply: " + result);
                }
                double visibleMs = millisExact(start);
                if (i >= 0) {
                    latencies[0][i] = validateMs;
                    latencies[1][i] = applyMs;
                    latencies[2][i] = visibleMs;
                }
            }
        }
        return latencies;
    }

    /**
     * Root, {@value #LINES} product lines, one service with {@code big} IDCs, and services of about {@value
     * #IDCS_PER_SERVICE} IDCs each (two servers and a URL per IDC) up to {@code total} nodes.
     */
    static TreeSpec tree(int total, int big) {
        int rest = total - 1 - LINES - 1 - big;
        if (rest < 2) {
            throw new IllegalArgumentException("too few nodes: " + total);
        }
        int services = Math.max(1, rest / IDCS_PER_SERVICE);
        List<List<TreeSpec>> idcsOfService = new ArrayList<>();
        for (int s = 0; s < services; s++) {
            idcsOfService.add(new ArrayList<>());
        }
        for (int i = 0; i < rest - services; i++) {
            idcsOfService.get(i % services).add(idc("idc-" + i));
        }
        List<List<TreeSpec>> servicesOfLine = new ArrayList<>();
        for (int l = 0; l < LINES; l++) {
            servicesOfLine.add(new ArrayList<>());
        }
        List<TreeSpec> bigIdcs = new ArrayList<>();
        for (int i = 0; i < big; i++) {
            bigIdcs.add(idc("big-idc-" + i));
        }
        servicesOfLine.get(0).add(node("big-service", bigIdcs));
        for (int s = 0; s < services; s++) {
            servicesOfLine.get(s % LINES).add(node("svc-" + s, idcsOfService.get(s)));
        }
        List<TreeSpec> lines = new ArrayList<>();
        for (int l = 0; l < LINES; l++) {
            lines.add(node("line-" + l, servicesOfLine.get(l)));
        }
        return new TreeSpec("online", List.of("group:sre"), null, null, null, lines);
    }

    private static TreeSpec node(String name, List<TreeSpec> children) {
        return new TreeSpec(name, List.of("user:owner-of-" + name), null, null, Map.of("tier", "2"), children);
    }

    private static TreeSpec idc(String name) {
        return new TreeSpec(name, null,
                List.of(new Server(name + "-a.example.com", false, new BigDecimal("0.5")),
                        new Server(name + "-b.example.com", false, new BigDecimal("0.5"))),
                List.of("https://" + name + ".example.com/health"), null, null);
    }

    private interface Work {
        int run() throws Exception;
    }

    private static double[] repeat(int times, Work work, int expected) throws Exception {
        double[] took = new double[times];
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            int got = work.run();
            took[i] = millisExact(start);
            if (got != expected) {
                throw new IllegalStateException("expected " + expected + " children, got " + got);
            }
        }
        return took;
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static double millisExact(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }
}
