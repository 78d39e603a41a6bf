package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.tollgate.engine.instance.InstanceForm;
import org.apache.curator.test.TestingServer;

/**
 * Several Tollgate JVMs ({@link TollgateChild}, separate processes) on one uniquely named MariaDB database and one
 * ZooKeeper, for the two-node ITs (issue 16). Each node has its own data folder, port and log; {@link #close} kills
 * every node still running, stops ZooKeeper and drops the database.
 */
final class ChildNodes implements AutoCloseable {

    static final Duration START = Duration.ofMinutes(8);

    /** One running node: its JVM, HTTP port and log. */
    record Node(String name, Process process, int port, Path log) {

        Http http() {
            return new Http(port);
        }

        /** The name its job executor locks jobs with ({@code <host>/<pid>}) ends with this. */
        String lockOwnerSuffix() {
            return "/" + process.pid();
        }
    }

    private final TargetDatabase target;
    private final Path dir = Path.of("target", "test-data", "nodes-" + System.nanoTime()).toAbsolutePath();
    final String database = "tg_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final List<Node> started = new ArrayList<>();
    private final TestingServer zooKeeper;
    private final List<String> shared;

    /**
     * @param extra Spring arguments every node gets (e.g. the safety-net sweep)
     */
    ChildNodes(TargetDatabase target, String... extra) throws Exception {
        this.target = target;
        this.zooKeeper = new TestingServer(true);
        UniqueMariaDbDatabase.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + UniqueMariaDbDatabase.USER,
                "--spring.datasource.password=" + UniqueMariaDbDatabase.PASSWORD,
                "--tollgate.zookeeper.connect-string=" + zooKeeper.getConnectString(),
                "--tollgate.zookeeper.auth=tollgate:two-nodes-it",
                "--tollgate.secrets.key=" + Base64.getEncoder().encodeToString(key)));
        args.addAll(List.of(extra));
        this.shared = List.copyOf(args);
    }

    /** The shared ZooKeeper's connect string, for reading the service tree and its apply markers directly. */
    String zooKeeperConnect() {
        return zooKeeper.getConnectString();
    }

    /** The shared Tollgate database, for reading Camunda's tables directly. */
    String jdbcUrl() {
        return "jdbc:mysql://" + UniqueMariaDbDatabase.SERVER + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
    }

    /** Starts a node with its own data folder on the shared database and ZooKeeper; returns once it serves. */
    Node start(String name, String... more) throws IOException {
        Node node = launch(name, more);
        awaitReady(node);
        return node;
    }

    /**
     * Starts a node without waiting for it to serve, so that a slow start overlaps other work ({@link #awaitReady}
     * before using it). Nodes launched together take turns through their starts' shared writes (ADR 0036).
     */
    Node launch(String name, String... more) throws IOException {
        return launch(name, ZoneId.systemDefault(), more);
    }

    /**
     * Starts a node whose JVM runs in {@code zone} (the others run in this JVM's), without waiting for it to serve: a
     * node in another zone than the first one's is refused (ADR 0035).
     */
    Node launch(String name, ZoneId zone, String... more) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        InstanceForm form = target.form(target.instance, false);
        Path log = dir.resolve(name + ".log");
        // C1 only: a node's start costs about half the CPU (docs/benchmarks.md), and the starts are these tests' time
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx768m", "-XX:TieredStopAtLevel=1", "-Duser.timezone=" + zone.getId(),
                "-cp", System.getProperty("java.class.path"),
                TollgateChild.class.getName(), dir.resolve(name).toString(), String.valueOf(port), form.name(),
                form.host(), String.valueOf(form.port()), form.username(), form.password()));
        command.addAll(shared);
        command.addAll(List.of(more));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node node = new Node(name, child, port, log);
        started.add(node);
        return node;
    }

    /** Waits until a {@link #launch}ed node serves. */
    static void awaitReady(Node node) {
        await().atMost(START).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(node.process().isAlive()).as("Tollgate runs; see %s", node.log()).isTrue();
            return Files.readString(node.log()).contains(TollgateChild.READY);
        });
    }

    /** {@code kill -9}: the JVM ends at once, without closing anything. */
    static void kill(Node node) {
        node.process().destroyForcibly();
        node.process().onExit().join();
    }

    @Override
    public void close() throws IOException {
        started.forEach(n -> n.process().destroyForcibly());
        started.forEach(n -> n.process().onExit().join());
        zooKeeper.close();
        UniqueMariaDbDatabase.execute("DROP DATABASE IF EXISTS `" + database + "`");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
