package io.tollgate.integrations.servicetree;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Bootstraps a realistic tree document ({@link RealisticTree}: 100,000 nodes, about 17 MB of JSON) into a real
 * in-process ZooKeeper server, as Tollgate's embedded profile runs it (the server in the same JVM, the UI's cache
 * following), and prints how long it took and the live heap afterwards. A command, not a test:
 * <pre>
 * ./mvnw -q -pl integrations -am test-compile
 * MAVEN_OPTS="-Xmx512m" ./mvnw -q -pl integrations exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tollgate.integrations.servicetree.ServiceTreeImportBenchmark [-Dexec.args="NODES"]
 * </pre>
 * The heap figures are read after full GCs ({@code System.gc()}, then the memory MX bean), and include whatever the
 * JVM holds besides (Maven itself under exec:java).
 */
public final class ServiceTreeImportBenchmark {

    private static final String ROOT = "/bench/import";

    private ServiceTreeImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        run(nodes, System.out);
        System.exit(0); // Curator's and ZooKeeper's threads would keep exec:java waiting
    }

    /** What one run measured. */
    record Result(int nodes, long documentBytes, long importMs, long visibleMs, long heapWithTreeBytes,
                  long viewBytes, long reloadMs, int viewSize) {
    }

    static Result run(int nodes, PrintStream out) throws Exception {
        out.printf("service tree import benchmark: %,d nodes, max heap %,d MB, %d cores%n", nodes,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        Path document = Files.createTempFile("service-tree-", ".json");
        try {
            long start = System.nanoTime();
            RealisticTree.Shape shape;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(document), 1 << 16)) {
                shape = RealisticTree.write(nodes, file);
            }
            long bytes = Files.size(document);
            out.printf("document: %,d nodes (%d product lines, %,d services, %,d IDCs, %,d servers), %.1f MB of JSON,"
                            + " generated in %,d ms%n", shape.nodes(), shape.lines(), shape.services(), shape.idcs(),
                    shape.servers(), bytes / 1e6, millis(start));
            long baseline = liveHeap();
            out.printf("live heap before ZooKeeper starts                      %,6d MB%n", baseline >> 20);
            return measure(document, shape, bytes, baseline, out);
        } finally {
            Files.deleteIfExists(document);
        }
    }

    private static Result measure(Path document, RealisticTree.Shape shape, long bytes, long baseline,
                                  PrintStream out) throws Exception {
        try (TestingServer server = new TestingServer()) {
            long[] took = importWithFollowingView(server, document, shape, out);
            // the first session and its view are gone (in a method of their own, so no local keeps them)
            long serverOnly = liveHeap();
            out.printf("live heap: ZooKeeper server with the tree alone        %,6d MB%n", serverOnly >> 20);
            histogram(out);

            // a restart: a new session and view load the existing tree, as the application does at each start
            try (CuratorFramework client = client(server);
                 ServiceTreeView view = new ServiceTreeView(client, ROOT)) {
                long start = System.nanoTime();
                view.start();
                if (!view.awaitLoaded(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the view did not load");
                }
                long reloadMs = millis(start);
                long withView = liveHeap();
                long viewBytes = withView - serverOnly;
                out.printf("restart: load the tree into a new view                  %,6d ms  (%,d nodes)%n", reloadMs,
                        view.size());
                out.printf("live heap: ZooKeeper server with the tree, the view   %,6d MB (the view: %,d MB, %,d bytes"
                        + " a node)%n", withView >> 20, viewBytes >> 20, viewBytes / Math.max(1, view.size()));
                out.printf("live heap above the baseline (ZooKeeper + view)       %,6d MB%n", (withView - baseline) >> 20);
                return new Result(shape.nodes(), bytes, took[0], took[1], withView, viewBytes, reloadMs,
                        view.size());
            }
        }
    }

    /** The bootstrap as the application runs it, its view started (following) before: import and visible times. */
    private static long[] importWithFollowingView(TestingServer server, Path document, RealisticTree.Shape shape,
                                                PrintStream out) throws Exception {
        long importMs;
        long visibleMs;
        try (CuratorFramework client = client(server);
             ServiceTreeView view = new ServiceTreeView(client, ROOT)) {
            ServiceTreeImporter importer = new ServiceTreeImporter(client, ROOT, view);
            importer.isEmpty(); // the layout, as the application has it before its view starts
            view.start(); // the application's view follows the tree while it is bootstrapped
            if (!view.awaitLoaded(Duration.ofMinutes(1))) {
                throw new IllegalStateException("the empty view did not load");
            }
            long start = System.nanoTime();
            int imported = importer.importIfEmpty(() -> Files.newInputStream(document),
                    progress -> out.printf("  %-8s %s%n", progress.phase(), progress.message()));
            importMs = millis(start);
            if (imported != shape.nodes()) {
                throw new IllegalStateException("imported " + imported + " nodes, not " + shape.nodes());
            }
            if (!view.awaitLoaded(Duration.ofMinutes(10)) || view.size() != shape.nodes()) {
                throw new IllegalStateException("the view has " + view.size() + " nodes, not " + shape.nodes());
            }
            visibleMs = millis(start);
            out.printf("import (check, then write in transactions)             %,6d ms%n", importMs);
            out.printf("import until the whole tree is in the view              %,6d ms%n", visibleMs);
            out.printf("live heap: ZooKeeper server with the tree, the view   %,6d MB%n", liveHeap() >> 20);
        }
        return new long[] {importMs, visibleMs};
    }

    private static CuratorFramework client(TestingServer server) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new ExponentialBackoffRetry(100, 3));
        client.start();
        if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no ZooKeeper session");
        }
        return client;
    }

    /** With {@code -Dbench.histogram=N}: the N classes that take most of the live heap (a full GC first). */
    private static void histogram(PrintStream out) throws Exception {
        int lines = Integer.getInteger("bench.histogram", 0);
        if (lines <= 0) {
            return;
        }
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
        text.toString().lines().limit(lines + 2L).forEach(out::println);
    }

    /** Used heap after full collections. */
    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long millis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
