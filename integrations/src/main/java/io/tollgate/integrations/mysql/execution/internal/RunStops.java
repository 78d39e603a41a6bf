package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Entry;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Phase;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.State;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** The outcomes that stop a run at a statement: failed (recorded FAILED in the ledger), or in flight. */
public final class RunStops {

    private final ExecutionLedger ledger;

    public RunStops(ExecutionLedger ledger) {
        this.ledger = ledger;
    }

    StatementOutcome failed(Connection c, String ticketId, Phase phase, String database, int index, Kind kind,
                            String sql, Instant started, Exception e) throws SQLException {
        return failed(c, ticketId, phase, database, index, kind, sql, started,
                "statement " + index + " failed: " + e.getMessage());
    }

    StatementOutcome failed(Connection c, String ticketId, Phase phase, String database, int index, Kind kind,
                            String sql, Instant started, String message) throws SQLException {
        ledger.record(c, ticketId, phase, index, database, kind, State.FAILED, sql, started, null, message, null);
        c.commit();
        return new StatementOutcome(index, kind, Status.FAILED, -1, message);
    }

    static StatementOutcome inFlight(int index, Entry previous) {
        return new StatementOutcome(index, previous.kind(), Status.IN_FLIGHT, -1, "statement " + index
                + " was started at " + previous.startedAt() + " and never recorded as finished: outcome unknown,"
                + " not re-run; a DBA must check the target and resolve it");
    }
}
