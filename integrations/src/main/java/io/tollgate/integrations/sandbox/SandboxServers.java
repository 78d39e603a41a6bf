package io.tollgate.integrations.sandbox;

import java.nio.file.Path;
import java.util.List;

/** Finds and stops the mariadbd processes that run on the sandbox's data directory, and no other. */
final class SandboxServers {

    private SandboxServers() {
    }

    /** Whether a command line is a MariaDB server's on {@code dataDir}. */
    static boolean runsOn(List<String> commandLine, Path dataDir) {
        return false;
    }
}
