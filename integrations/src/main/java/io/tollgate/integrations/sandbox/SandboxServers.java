package io.tollgate.integrations.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds and stops the MariaDB servers that run on the sandbox's data directory, and no other: a process counts only
 * when it is a {@code mariadbd} (or {@code mysqld}) whose {@code --datadir} is that very directory, so the machine's
 * own MariaDB and anyone else's sandbox are never touched. Reads {@code /proc} (the sandbox's binaries are linux64).
 */
final class SandboxServers {

    private static final Path PROC = Path.of("/proc");
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private SandboxServers() {
    }

    /** Whether a command line is a MariaDB server's on {@code dataDir}. */
    static boolean runsOn(List<String> commandLine, Path dataDir) {
        if (commandLine.isEmpty()) {
            return false;
        }
        String program = commandLine.get(0).substring(commandLine.get(0).lastIndexOf('/') + 1);
        if (!program.equals("mariadbd") && !program.equals("mysqld")) {
            return false;
        }
        for (int i = 1; i < commandLine.size(); i++) {
            String arg = commandLine.get(i);
            if (arg.startsWith("--datadir=")) {
                return sameDirectory(arg.substring("--datadir=".length()), dataDir);
            }
            if (arg.equals("--datadir") && i + 1 < commandLine.size()) {
                return sameDirectory(commandLine.get(i + 1), dataDir);
            }
        }
        return false;
    }

    /** Whether a process is a running server on {@code dataDir}. */
    static boolean isServerOn(long pid, Path dataDir) {
        return runsOn(commandLine(pid), dataDir) && running(pid);
    }

    /** The pids of the running servers on {@code dataDir}. */
    static List<Long> on(Path dataDir) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                if (pid != ProcessHandle.current().pid() && isServerOn(pid, dataDir)) {
                    pids.add(pid);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list processes in " + PROC, e);
        }
        return pids;
    }

    /**
     * Stops a server: SIGTERM (a clean shutdown), then SIGKILL after {@code timeout}.
     *
     * @return whether it is gone
     */
    static boolean stop(long pid, Duration timeout) throws InterruptedException {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !running(pid)) {
            return true;
        }
        process.get().destroy();
        if (awaitGone(pid, timeout)) {
            return true;
        }
        process.get().destroyForcibly();
        return awaitGone(pid, AFTER_KILL);
    }

    /**
     * Running, as opposed to gone or a zombie: an orphaned server's parent is init, which may never reap it, and
     * {@link ProcessHandle#isAlive()} is true for a zombie.
     */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | IndexOutOfBoundsException gone) {
            return false;
        }
    }

    private static boolean awaitGone(long pid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            String joined = new String(raw, StandardCharsets.UTF_8);
            return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\0"));
        } catch (IOException gone) { // ended meanwhile, or not ours to read
            return List.of();
        }
    }

    private static boolean sameDirectory(String path, Path dataDir) {
        try {
            return Files.isSameFile(Path.of(path), dataDir);
        } catch (IOException | RuntimeException e) { // one of them does not exist (any more)
            return Path.of(path).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
        }
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
