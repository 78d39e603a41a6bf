package io.tollgate.integrations.zookeeper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper server running inside Tollgate's JVM, for the embedded default. Its data directory is kept
 * on close, so the service tree survives a restart. It listens on 127.0.0.1 only: Tollgate is its only client.
 */
final class EmbeddedZooKeeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);

    /** Where the server listens; Curator's own default, an unset client address, means every interface. */
    static final String LOOPBACK = "127.0.0.1";

    private final TestingServer server;

    EmbeddedZooKeeper(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir);
        InstanceSpec spec = new InstanceSpec(dataDir.toFile(), port, -1, -1, false, -1, -1, -1,
                Map.of("clientPortAddress", LOOPBACK), LOOPBACK);
        this.server = new TestingServer(spec, true);
        log.info("Started in-process ZooKeeper at {} with data in {}", server.getConnectString(), dataDir.toAbsolutePath());
    }

    String connectString() {
        return server.getConnectString();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
