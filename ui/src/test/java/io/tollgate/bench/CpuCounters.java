package io.tollgate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * CPU time spent around a run, per unit of work: this JVM's (the server and the benchmark's own clients) and, when
 * the database server runs on this machine, its process's (from {@code /proc/<pid>/stat}, the pid from
 * {@code @@pid_file}). Unlike seconds, CPU time per unit hardly moves with what else runs on the machine, so it
 * compares two runs, or tickets with no-op processes, even on a busy machine.
 */
final class CpuCounters {

    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    private final long jvmNanos;
    private final long databaseNanos;
    private final long compilerNanos;
    private final long gcNanos;

    private CpuCounters(long jvmNanos, long databaseNanos, long compilerNanos, long gcNanos) {
        this.jvmNanos = jvmNanos;
        this.databaseNanos = databaseNanos;
        this.compilerNanos = compilerNanos;
        this.gcNanos = gcNanos;
    }

    static CpuCounters read(Connection connection) throws SQLException {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long[] jvmThreads = jvmThreadNanos();
        return new CpuCounters(jvm, databaseNanos(connection), jvmThreads[0], jvmThreads[1]);
    }

    /**
     * CPU time of this JVM's own threads, from {@code /proc/self/task}: the JIT compilers' ({@code C1/C2 CompilerThre})
     * and the garbage collector's ({@code GC Thread}, {@code G1 ...}, {@code VM Thread}); -1 each where {@code /proc}
     * is not readable. A compiler thread that the JVM retires takes its time with it, so the figure is a lower bound.
     */
    private static long[] jvmThreadNanos() {
        long compiler = 0;
        long gc = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                long nanos = ticksToNanos(stat);
                if (name.contains("CompilerThre")) {
                    compiler += nanos;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
                    gc += nanos;
                }
            }
            return new long[] {compiler, gc};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {-1, -1};
        }
    }

    private static long ticksToNanos(String stat) {
        // fields after the command name in parentheses: state is field 3, utime 14, stime 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return (long) (ticks / CLOCK_TICKS_PER_SECOND * 1e9);
    }

    /** The database server's user + system CPU time, or -1 when it is not a process of this machine we can read. */
    private static long databaseNanos(Connection connection) throws SQLException {
        String pidFile;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT @@pid_file")) {
            pidFile = rs.next() ? rs.getString(1) : null;
        }
        if (pidFile == null) {
            return -1;
        }
        try {
            String pid = Files.readString(Path.of(pidFile)).strip();
            return ticksToNanos(Files.readString(Path.of("/proc", pid, "stat")));
        } catch (IOException | RuntimeException notLocal) {
            return -1;
        }
    }

    private double jvmMillisPerUnitSince(CpuCounters before, int units) {
        return (jvmNanos - before.jvmNanos) / 1e6 / units;
    }

    /** This JVM's CPU per unit since {@code before}, less the JIT compilers' (all of it where they are not known). */
    double jvmMillisWithoutCompilersPerUnitSince(CpuCounters before, int units) {
        long compilers = compilerNanos < 0 || before.compilerNanos < 0 ? 0 : compilerNanos - before.compilerNanos;
        return jvmMillisPerUnitSince(before, units) - compilers / 1e6 / units;
    }

    /** "JVM 41.2 ms, database server 12.0 ms" per unit since {@code before}. */
    String perUnitSince(CpuCounters before, int units) {
        String jvm = String.format(Locale.ROOT, "JVM %.1f ms (server and benchmark clients", jvmMillisPerUnitSince(before, units))
                + (compilerNanos < 0 || before.compilerNanos < 0 ? ")" : String.format(Locale.ROOT,
                "; of it JIT compilers %.1f ms, garbage collector %.1f ms)",
                (compilerNanos - before.compilerNanos) / 1e6 / units, (gcNanos - before.gcNanos) / 1e6 / units));
        if (databaseNanos < 0 || before.databaseNanos < 0) {
            return jvm + ", database server not readable here";
        }
        return jvm + String.format(Locale.ROOT, ", database server %.1f ms",
                (databaseNanos - before.databaseNanos) / 1e6 / units);
    }

    double totalMillisPerUnitSince(CpuCounters before, int units) {
        long database = databaseNanos < 0 || before.databaseNanos < 0 ? 0 : databaseNanos - before.databaseNanos;
        return (jvmNanos - before.jvmNanos + database) / 1e6 / units;
    }

    /** As {@link #totalMillisPerUnitSince}, less the JIT compilers' time: what a unit costs once the code is compiled. */
    double totalMillisPerUnitWithoutCompilersSince(CpuCounters before, int units) {
        long compilers = compilerNanos < 0 || before.compilerNanos < 0 ? 0 : compilerNanos - before.compilerNanos;
        return totalMillisPerUnitSince(before, units) - compilers / 1e6 / units;
    }
}
