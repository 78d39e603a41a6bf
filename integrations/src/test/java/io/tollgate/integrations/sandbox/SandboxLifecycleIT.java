package io.tollgate.integrations.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * The sandbox server's life beside Tollgate's, with real processes: a Tollgate killed with {@code kill -9} leaves its
 * mariadbd behind, and the next start stops that orphan (and nothing else) before starting its own; a normal
 * shutdown stops the server; a server that is not ready at first is waited for, retried, and announced when it is.
 */
class SandboxLifecycleIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);

    /** Under java.io.tmpdir on purpose, like SandboxMariaDbIT. */
    private final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tollgate-lifecycle-" + UUID.randomUUID());
    private final Path sandboxDir = dir.resolve("sandbox");
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stopEverythingAndRemoveData() throws Exception {
        for (ProcessHandle p : started) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : started) {
            p.onExit().get(); // children of this JVM only, so onExit is reliable
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theServerOfAKilledTollgateIsStoppedBeforeTheSandboxStartsAgain() throws Exception {
        Process tollgate = startChild();
        awaitReady(tollgate);
        ProcessHandle orphan = serverOf(tollgate);
        List<ProcessHandle> others = otherServers(orphan);

        tollgate.destroyForcibly(); // kill -9: no shutdown hook runs
        tollgate.waitFor();
        assertThat(running(orphan.pid())).as("kill -9 leaves the sandbox's mariadbd running").isTrue();

        try (SandboxMariaDb again = new SandboxMariaDb(properties())) {
            SandboxReady ready = again.start();
            assertThat(count(ready, "SELECT COUNT(*) FROM orders")).isEqualTo(5);
            assertThat(running(orphan.pid())).as("the orphan on the same data folder is gone").isFalse();
            assertThat(others).as("every other MariaDB (the machine's own on 3306 too) keeps running")
                    .allMatch(p -> running(p.pid()));
        }
    }

    @Test
    void aNormalShutdownStopsTheSandboxServer() throws Exception {
        Process tollgate = startChild();
        awaitReady(tollgate);
        ProcessHandle server = serverOf(tollgate);

        tollgate.destroy(); // SIGTERM: shutdown hooks run
        tollgate.waitFor();

        assertThat(running(server.pid())).as("the sandbox's mariadbd stopped with Tollgate").isFalse();
    }

    @Test
    void aSandboxThatIsNotReadyAtFirstIsRetriedAndAnnouncedWhenItIsUp() throws Exception {
        try (SandboxMariaDb first = new SandboxMariaDb(properties())) {
            first.start(); // creates the data folder
        }
        List<SandboxReady> announced = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext tollgate = null;
        // something holds the data folder's Aria control file, as an orphan would: mariadbd retries for 30 s, then
        // gives up; the lock is the test's to release
        FileChannel control = FileChannel.open(sandboxDir.resolve("data/aria_log_control"), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock held = control.lock();
        try {
            tollgate = new SpringApplicationBuilder(SandboxConfiguration.class)
                    .web(WebApplicationType.NONE)
                    .properties("tollgate.sandbox.enabled=true", "tollgate.sandbox.data-dir=" + sandboxDir,
                            "tollgate.sandbox.retry-delay=1s")
                    .listeners(event -> {
                        if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof SandboxReady r) {
                            announced.add(r);
                        }
                    })
                    .run();
            SandboxMariaDb sandbox = tollgate.getBean(SandboxMariaDb.class);

            SandboxStatus second = await().atMost(PATIENCE).until(sandbox::status,
                    s -> s.attempt() >= 2 && s.state() == SandboxStatus.State.STARTING);
            assertThat(second.lastFailure()).as("the status says why the first attempt failed").isNotBlank();
            assertThat(announced).as("nothing announced while the server is not up").isEmpty();

            held.release();

            await().atMost(PATIENCE).until(() -> !announced.isEmpty());
            assertThat(sandbox.status().state()).isEqualTo(SandboxStatus.State.READY);
            assertThat(announced).singleElement().satisfies(ready -> {
                assertThat(ready.host()).isEqualTo("127.0.0.1");
                assertThat(count(ready, "SELECT COUNT(*) FROM customers")).isEqualTo(3);
            });
        } finally {
            control.close();
            if (tollgate != null) {
                tollgate.close();
            }
        }
        assertThat(serversOfThisJvm()).as("closing the context stopped the server").isEmpty();
    }

    @Test
    void closingWhileTheServerStartsStopsIt() throws Exception {
        try (SandboxMariaDb first = new SandboxMariaDb(properties())) {
            first.start();
        }
        SandboxMariaDb sandbox = new SandboxMariaDb(properties());
        try (FileChannel control = FileChannel.open(sandboxDir.resolve("data/aria_log_control"),
                StandardOpenOption.READ, StandardOpenOption.WRITE); FileLock held = control.lock()) {
            sandbox.startInBackground(ready -> { });
            ProcessHandle server = await().atMost(PATIENCE).until(() -> serversOfThisJvm().stream().findFirst(),
                    Optional::isPresent).orElseThrow();

            sandbox.close();

            assertThat(running(server.pid())).as("close stopped the server that was starting").isFalse();
            assertThat(sandbox.status().state()).isEqualTo(SandboxStatus.State.STOPPED);
        }
    }

    private SandboxProperties properties() {
        return SandboxProperties.defaults(sandboxDir).withRetryDelay(Duration.ofSeconds(1))
                .withStopTimeout(Duration.ofSeconds(10));
    }

    /** Tollgate stand-in in its own JVM (see SandboxChild), output in a file next to the data. */
    private Process startChild() throws IOException {
        Files.createDirectories(dir);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SandboxChild.class.getName(), sandboxDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        started.add(child.toHandle());
        return child;
    }

    private void awaitReady(Process child) {
        await().atMost(PATIENCE).until(() -> {
            assertThat(child.isAlive()).as("the child JVM runs; see %s", dir.resolve("child.log")).isTrue();
            return Files.readString(dir.resolve("child.log")).contains(SandboxChild.READY);
        });
    }

    /** The child's mariadbd, found without the code under test: the child JVM's own descendant. */
    private ProcessHandle serverOf(Process child) {
        List<ProcessHandle> servers = child.descendants().filter(SandboxLifecycleIT::isMariaDbServer).toList();
        assertThat(servers).hasSize(1);
        started.add(servers.get(0));
        return servers.get(0);
    }

    private List<ProcessHandle> serversOfThisJvm() {
        return ProcessHandle.current().descendants().filter(SandboxLifecycleIT::isMariaDbServer)
                .filter(p -> running(p.pid())).toList();
    }

    private static List<ProcessHandle> otherServers(ProcessHandle except) {
        return ProcessHandle.allProcesses().filter(SandboxLifecycleIT::isMariaDbServer)
                .filter(p -> p.pid() != except.pid()).toList();
    }

    private static boolean isMariaDbServer(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false);
    }

    /**
     * Running, as opposed to gone or a zombie: an orphan's parent is init, which may never reap it, and
     * ProcessHandle.isAlive() is true for a zombie.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException gone) {
            return false;
        }
    }

    private static long count(SandboxReady ready, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mysql://" + ready.host() + ":" + ready.port() + "/"
                + ready.demoDatabase(), ready.user(), ready.password()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
