package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.NamedLocks;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;
import io.tollgate.integrations.mysql.execution.TicketStillRunningException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Takes and releases the named locks a run holds on the target: the ticket's own, and its database's. */
public final class RunLocks {

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;
    private final TargetConnections connections;

    public RunLocks(MysqlCoordinates target, ExecutionSettings settings, TargetConnections connections) {
        this.target = target;
        this.settings = settings;
        this.connections = connections;
    }

    /** {@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor#running(String)}: whether a connection holds the ticket's run lock now. */
    public boolean running(String ticketId) {
        try (Connection c = connections.connect(null);
             PreparedStatement ps = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
            ps.setString(1, runLockName(ticketId));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getLong(1);
                return !rs.wasNull();
            }
        } catch (SQLException e) {
            throw new TicketExecutionException("ticket " + ticketId + " on " + target
                    + ": cannot tell whether it runs: " + e.getMessage(), e);
        }
    }

    void lock(Connection c, String database) throws SQLException {
        String name = lockName(database);
        String holder = getLock(c, name);
        if (holder != null) {
            throw new TicketExecutionException("another ticket is executing on database " + database + " (lock '"
                    + name + "' held by connection " + holder + " for longer than " + settings.lockWait()
                    + "); try again when it has finished");
        }
    }

    /**
     * Takes the ticket's own lock ({@link #runLockName}), held until the run ends ({@link #releaseRun}, else until
     * the connection closes): a second run of the same ticket (its job's lock expired while the first still runs, say)
     * waits for the first, and if that outlasts the lock wait it stops with {@link TicketStillRunningException},
     * having run nothing, rather than report the ticket as failed while it is in fact executing.
     */
    void lockRun(Connection c, String ticketId) throws SQLException {
        String name = runLockName(ticketId);
        String holder = getLock(c, name);
        if (holder != null) {
            throw new TicketStillRunningException("ticket " + ticketId + " is still executing on " + target
                    + " (lock '" + name + "' held by connection " + holder + " for longer than "
                    + settings.lockWait() + "); nothing was run by this attempt");
        }
    }

    /** What a run does as it ends, before its connection closes; throws nothing. */
    public interface RunEnds extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Gives up the ticket's run lock as the run ends (after its outcome is recorded), so that the next run of the
     * ticket finds it free at once. Left to the connection's close, the server frees it only once it has processed the
     * disconnect, and a run right after could beat that and stop as "still executing" (seen with a lock wait of
     * zero). A run that never got the lock releases nothing: the lock is another connection's.
     */
    public static void releaseRun(Connection c, String ticketId) {
        try {
            releaseLock(c, runLockName(ticketId));
        } catch (SQLException e) {
            // the lock goes with the connection, which is closed next
        }
    }

    /** Gives up a named lock this connection holds (nothing if it holds none). */
    private static void releaseLock(Connection c, String name) throws SQLException {
        NamedLocks.release(c, name);
    }

    /** Waits up to the lock wait for the named lock: null once this connection holds it, else who holds it. */
    private String getLock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?), IS_USED_LOCK(?)")) {
            ps.setString(1, name);
            ps.setDouble(2, settings.lockWait().toMillis() / 1000.0);
            ps.setString(3, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long got = rs.getLong(1);
                return rs.wasNull() || got != 1 ? String.valueOf(rs.getString(2)) : null;
            }
        }
    }

    /** {@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor#runLockName(String)}: {@code tollgate-run:<id>}, hashed when longer than 64. */
    public static String runLockName(String ticketId) {
        String name = "tollgate-run:" + ticketId;
        return name.length() <= 64 ? name : lockName("run:" + ticketId);
    }

    static void unlock(Connection c, String database) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            releaseLock(c, lockName(database));
        } catch (SQLException e) {
            // the lock goes with the connection, which is closed next
        }
    }

    /** {@code tollgate:<database>}; MySQL caps lock names at 64 characters, so longer ones use a hash of the name. */
    public static String lockName(String database) {
        return NamedLocks.name("tollgate:", database);
    }
}
