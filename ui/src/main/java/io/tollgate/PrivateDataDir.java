package io.tollgate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The data folder ({@code tollgate.data-dir}) is its owner's alone (rwx------), before anything writes to it: the
 * embedded H2 database and ZooKeeper's log and snapshots were created readable by every local user (0644 in a 0755
 * folder), with the tree, its owners and the ZooKeeper credential's digest in them. Files inside keep their own modes;
 * the folder lets nobody else reach them. Not on a file system without POSIX permissions, nor on a folder another
 * user owns (an operator's layout, shared with this user through its group, is the operator's to set).
 */
public class PrivateDataDir implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty("tollgate.data-dir");
        if (configured == null || configured.isBlank()) {
            return;
        }
        restrict(Path.of(configured));
    }

    static void restrict(Path dir) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createDirectories(dir);
            if (!Files.getOwner(dir).getName().equals(System.getProperty("user.name"))) {
                return; // a folder someone else owns and lends this user (by its group): theirs to set
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the data folder " + dir + " private (rwx------)", e);
        }
    }
}
