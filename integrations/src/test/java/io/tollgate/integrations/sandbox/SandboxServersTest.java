package io.tollgate.integrations.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which processes count as the sandbox's own server: only a mariadbd whose data directory is the sandbox's. */
class SandboxServersTest {

    @TempDir
    Path dir;

    private List<String> sandboxServer(String dataDir) {
        return List.of(dir.resolve("base/bin/mariadbd").toString(), "--no-defaults", "--console",
                "--basedir=" + dir.resolve("base"), "--datadir=" + dataDir, "--port=40123",
                "--bind-address=127.0.0.1");
    }

    @Test
    void aServerOnTheSandboxDataDirectoryIsTheSandboxs() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));

        assertThat(SandboxServers.runsOn(sandboxServer(data.toString()), data)).isTrue();
        assertThat(SandboxServers.runsOn(sandboxServer(dir + "/./data"), data)).as("the same folder spelled otherwise")
                .isTrue();
        assertThat(SandboxServers.runsOn(List.of("/usr/sbin/mysqld", "--datadir", data.toString()), data)).isTrue();
    }

    @Test
    void theMachinesOwnMariaDbAndOtherFoldersAreLeftAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path other = Files.createDirectories(dir.resolve("other"));

        assertThat(SandboxServers.runsOn(List.of("/usr/sbin/mariadbd"), data)).as("the system MariaDB, 3306")
                .isFalse();
        assertThat(SandboxServers.runsOn(List.of("/usr/sbin/mariadbd", "--datadir=/var/lib/mysql"), data)).isFalse();
        assertThat(SandboxServers.runsOn(sandboxServer(other.toString()), data)).as("another sandbox").isFalse();
        assertThat(SandboxServers.runsOn(sandboxServer(data.resolve("sub").toString()), data)).isFalse();
        assertThat(SandboxServers.runsOn(List.of("/bin/cat", "--datadir=" + data), data)).as("not a server")
                .isFalse();
        assertThat(SandboxServers.runsOn(List.of(), data)).as("a zombie has no command line").isFalse();
    }
}
