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

    private CpuCounters(long jvmNanos, long databaseNanos) {
        this.jvmNanos = jvmNanos;
        this.databaseNanos = databaseNanos;
    }

    static CpuCounters read(Connection connection) throws SQLException {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuCounters(jvm, databaseNanos(connection));
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
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            // fields after the command name in parentheses: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return (long) (ticks / CLOCK_TICKS_PER_SECOND * 1e9);
        } catch (IOException | RuntimeException notLocal) {
            return -1;
        }
    }

    private double jvmMillisPerUnitSince(CpuCounters before, int units) {
        return (jvmNanos - before.jvmNanos) / 1e6 / units;
    }

    /** "JVM 41.2 ms, database server 12.0 ms" per unit since {@code before}. */
    String perUnitSince(CpuCounters before, int units) {
        String jvm = String.format(Locale.ROOT, "JVM %.1f ms (server and benchmark clients)",
                jvmMillisPerUnitSince(before, units));
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
}
