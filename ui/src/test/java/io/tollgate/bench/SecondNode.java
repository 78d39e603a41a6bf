package io.tollgate.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.tollgate.Http;
import io.tollgate.TollgateChild;
import io.tollgate.UniqueMariaDbDatabase;
import org.springframework.core.env.Environment;

/**
 * The second Tollgate JVM of {@code bench/tickets --nodes 2}: {@link TollgateChild} on node 1's database and the
 * benchmark's ZooKeeper, with node 1's secrets key and ZooKeeper credentials (the child's own profile: it makes the demo accounts) and its own
 * engine host name ({@code bench-node-2}) so that Camunda's job log tells the nodes' jobs apart.
 */
record SecondNode(Process process, Http http, Path log) implements AutoCloseable {

    static final String NAME = "bench-node-2";
    private static final Duration START = Duration.ofMinutes(8);

    static SecondNode start(Environment first, String zooKeeper, String adminPassword) throws Exception {
        Path dir = Files.createTempDirectory("tollgate-bench-node-2");
        Path log = dir.resolve("node-2.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String[] server = UniqueMariaDbDatabase.SERVER.split(":");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g", "-cp", classpath(), TollgateChild.class.getName(),
                dir.resolve("data").toString(), String.valueOf(port),
                // the instance is registered already by node 1: the child finds it and registers nothing
                "bench-target", server[0], server[1], "unused", "unused",
                "--spring.datasource.url=" + first.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + UniqueMariaDbDatabase.USER,
                "--spring.datasource.password=" + UniqueMariaDbDatabase.PASSWORD,
                "--tollgate.accounts.bootstrap-admin-password=" + adminPassword,
                "--tollgate.secrets.key=" + first.getProperty("tollgate.secrets.key"),
                "--tollgate.zookeeper.auth=" + first.getProperty("tollgate.zookeeper.auth"),
                "--tollgate.zookeeper.connect-string=" + zooKeeper,
                "--camunda.bpm.generic-properties.properties.hostname=" + NAME,
                "--camunda.bpm.job-execution.enabled=true",
                "--logging.level.root=WARN"));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plus(START);
        while (!Files.readString(log).contains(TollgateChild.READY)) {
            if (!child.isAlive() || Instant.now().isAfter(deadline)) {
                child.destroyForcibly();
                throw new IllegalStateException("node 2 did not start; see " + log);
            }
            Thread.sleep(250);
        }
        return new SecondNode(child, new Http(port), log);
    }

    /** This benchmark's class path: Maven's exec plugin runs it in a class loader of its own, not java.class.path. */
    private static String classpath() throws URISyntaxException {
        if (SecondNode.class.getClassLoader() instanceof URLClassLoader loader) {
            List<String> paths = new ArrayList<>();
            for (URL url : loader.getURLs()) {
                paths.add(Path.of(url.toURI()).toString());
            }
            return paths.stream().collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
