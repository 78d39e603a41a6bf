package io.tollgate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class PrivateDataDirTest {

    @TempDir Path temp;

    @Test
    void theDataFolderIsItsOwnersAloneWhetherNewOrThereAlready() throws Exception {
        Path existing = temp.resolve("data");
        Files.createDirectories(existing);
        Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path fresh = temp.resolve("fresh/data");

        new PrivateDataDir().postProcessEnvironment(new MockEnvironment().withProperty("tollgate.data-dir",
                existing.toString()), null);
        new PrivateDataDir().postProcessEnvironment(new MockEnvironment().withProperty("tollgate.data-dir",
                fresh.toString()), null);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
    }
}
