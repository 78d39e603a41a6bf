package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.ast.SQLStatement;
import io.tollgate.integrations.mysql.execution.ExecutionProgress;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Phase;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.State;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/** Runs one DDL statement already recorded STARTED, online or directly in strict mode, and records how it ended. */
public final class DdlRun {

    private final ExecutionSettings settings;
    private final ExecutionLedger ledger;
    private final OnlineAlter online;
    private final RunStops stops;

    public DdlRun(ExecutionSettings settings, ExecutionLedger ledger, OnlineAlter online, RunStops stops) {
        this.settings = settings;
        this.ledger = ledger;
        this.online = online;
        this.stops = stops;
    }

    /**
     * Runs a DDL statement already recorded STARTED, online through pt-online-schema-change when it is an ALTER
     * of a large table the tool can handle; a lost connection, or a tool that stopped without telling whether it
     * swapped the tables, leaves it STARTED (in flight).
     */
    StatementOutcome runDdl(Connection c, String ticketId, Phase phase, String database, int index,
                            SQLStatement ast, String sql, Instant started, String inverse,
                            ExecutionProgress progress) throws SQLException {
        String note = null;
        OnlineAlter.Plan plan;
        try {
            plan = online.plan(c, database, ast, sql);
        } catch (SQLException e) {
            if (c.isClosed() || !c.isValid(5)) {
                throw e;
            }
            plan = null; // the statement itself, run directly, reports what is wrong with its table
        }
        c.commit();
        if (plan != null) {
            Optional<Path> program = online.program();
            if (program.isPresent()) {
                OnlineAlter.Outcome outcome = online.run(c, program.get(), plan.table()[0], plan.table()[1],
                        plan.alterations(), index, progress);
                switch (outcome.result()) {
                    case DONE -> {
                        ledger.record(c, ticketId, phase, index, database, Kind.DDL, State.DONE, sql, started, 0L, null,
                                inverse, DdlConflicts.left(c, inverse));
                        c.commit();
                        return new StatementOutcome(index, Kind.DDL, Status.EXECUTED, 0, outcome.message());
                    }
                    case ABORTED -> {
                        return stops.failed(c, ticketId, phase, database, index, Kind.DDL, sql, started, "aborted");
                    }
                    case FAILED -> {
                        return stops.failed(c, ticketId, phase, database, index, Kind.DDL, sql, started,
                                "statement " + index + " failed: " + outcome.message());
                    }
                    default -> {
                        return new StatementOutcome(index, Kind.DDL, Status.IN_FLIGHT, -1, "statement " + index
                                + ": outcome unknown, left in flight for a DBA: " + outcome.message());
                    }
                }
            }
            note = "pt-online-schema-change (" + settings.onlineSchemaChangeCommand() + ") is not installed;"
                    + " the ALTER of " + plan.table()[0] + "." + plan.table()[1] + " ran directly";
        }
        try (Statement s = c.createStatement()) {
            String mode = strict(c);
            try {
                s.execute(sql.strip().endsWith(";") ? sql.strip().substring(0, sql.strip().length() - 1) : sql);
            } finally {
                if (!c.isClosed()) {
                    restoreMode(c, mode);
                }
            }
        } catch (SQLException e) {
            if (c.isClosed() || !c.isValid(5)) {
                throw e;
            }
            return stops.failed(c, ticketId, phase, database, index, Kind.DDL, sql, started, e);
        }
        // what the statement left of what its inverse puts back: a rollback that finds it changed since stops
        ledger.record(c, ticketId, phase, index, database, Kind.DDL, State.DONE, sql, started,
                0L, null, inverse, DdlConflicts.left(c, inverse));
        c.commit();
        return new StatementOutcome(index, Kind.DDL, Status.EXECUTED, 0, note);
    }

    /**
     * Turns on strict mode for the session and returns the mode before: a column change or its inverse (a
     * narrowing) then fails on a value that does not fit instead of truncating it with a warning.
     */
    private static String strict(Connection c) throws SQLException {
        String mode;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            mode = rs.getString(1);
        }
        if (mode == null || !mode.toUpperCase().contains("STRICT_ALL_TABLES")) {
            restoreMode(c, mode == null || mode.isEmpty() ? "STRICT_ALL_TABLES" : mode + ",STRICT_ALL_TABLES");
        }
        return mode;
    }

    private static void restoreMode(Connection c, String mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
            ps.setString(1, mode == null ? "" : mode);
            ps.execute();
        }
    }
}
