package io.tollgate.integrations.mysql.execution.internal;

import com.alibaba.druid.sql.ast.SQLStatement;
import io.tollgate.integrations.mysql.execution.ExecutionProgress;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.LedgerMismatchException;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Entry;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Phase;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.State;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** Runs a ticket's parsed statements in order on one connection, skipping those the ledger records as done. */
public final class StatementRun {

    private final ExecutionLedger ledger;
    private final KnownLedgers ledgers;
    private final RunLocks locks;
    private final DdlRun ddl;
    private final RunStops stops;
    private final long maxRowsPerStatement;
    /** The largest packet Tollgate's own database takes, where it copies the rollback SQL; 0: no such limit. */
    private final long recordPacket;

    public StatementRun(ExecutionLedger ledger, KnownLedgers ledgers, RunLocks locks, DdlRun ddl, RunStops stops,
                 long maxRowsPerStatement, long recordPacket) {
        this.maxRowsPerStatement = maxRowsPerStatement;
        this.recordPacket = recordPacket;
        this.ledger = ledger;
        this.ledgers = ledgers;
        this.locks = locks;
        this.ddl = ddl;
        this.stops = stops;
    }

    /** Runs the parsed statements on {@code c}, holding the ticket's and the database's locks. */
    public ExecutionReport run(Connection c, String ticketId, String database, List<String> statements,
                        List<SQLStatement> parsed, ExecutionProgress progress, int recordedDone) throws SQLException {
        ledgers.ensureLedger(c);
        locks.lockRun(c, ticketId);
        locks.lock(c, database);
        try {
            if (ledger.rollbackBegun(c, ticketId)) {
                throw new TicketExecutionException("ticket " + ticketId + " is being or has been rolled back;"
                        + " it cannot be executed again");
            }
            // read once under the lock: only this run writes the ticket's rows while it holds it
            Map<Integer, Entry> recorded = new HashMap<>();
            ledger.executed(c, ticketId).forEach(e -> recorded.put(e.index(), e));
            for (int done = 1; done <= Math.min(recordedDone, statements.size()); done++) {
                if (recorded.get(done) == null || recorded.get(done).state() != State.DONE) {
                    throw new LedgerMismatchException("ticket " + ticketId + " ran nothing: statement " + done
                            + " has no DONE row in the ledger on the target, but Tollgate recorded it as executed;"
                            + " running on would run it a second time. A DBA must find out who changed the ledger");
                }
            }
            for (Entry e : recorded.values()) {
                // a DONE row makes the run skip its statement: it must be Tollgate's (ADR 0045); a row written
                // before rows were sealed is taken only where Tollgate's own results record the statement as run
                if (e.state() == State.DONE && (e.seal() == ExecutionLedger.Seal.BROKEN
                        || e.seal() != ExecutionLedger.Seal.VALID && e.index() > recordedDone)) {
                    throw new LedgerMismatchException("ticket " + ticketId + " ran nothing: statement " + e.index()
                            + " has a DONE row in the ledger on the target that Tollgate did not write (its seal "
                            + e.seal().says()
                            + "); skipping it would leave it never run. A DBA must find out who changed the ledger");
                }
            }
            int firstToRun = 1;
            while (firstToRun <= statements.size() && recorded.get(firstToRun) != null
                    && recorded.get(firstToRun).state() == State.DONE) {
                firstToRun++;
            }
            progress.runStarts(firstToRun, statements.size());
            c.setAutoCommit(false);
            DmlChange.Tables tables = new DmlChange.Tables();
            List<StatementOutcome> outcomes = new ArrayList<>();
            Group group = new Group(tables);
            boolean stopped = false;
            // DML statements run in groups: each statement and its ledger row are in one transaction, which
            // commits after a group's worth of them; a statement failing inside a group rolls the group back,
            // and the group is run again one statement per transaction, so the failure is met exactly as alone
            int singlyUntil = 0;
            int i = 0;
            while (i < statements.size()) {
                int index = i + 1;
                SQLStatement ast = parsed.get(i);
                Kind kind = DmlChange.isDml(ast) ? Kind.DML : Kind.DDL;
                if (stopped) {
                    outcomes.add(new StatementOutcome(index, kind, Status.NOT_RUN, -1, null));
                    i++;
                    continue;
                }
                if (index >= firstToRun && progress.abortRequested()) {
                    // a DBA's abort, before a statement (an online schema change also stops within its copy): what
                    // ran stays, recorded; nothing of this statement ran, so a retry runs it and the rest. Before the
                    // first statement the caller answers from what it read at the run's start (no extra read)
                    group.commit(c, ledger);
                    outcomes.add(new StatementOutcome(index, kind, Status.FAILED, -1, ABORTED));
                    stopped = true;
                    i++;
                    continue;
                }
                progress.statementStarted(index);
                StatementOutcome outcome;
                if (kind == Kind.DML) {
                    outcome = executeDml(c, tables, ticketId, database, index, ast, statements.get(i),
                            recorded.get(index), index > singlyUntil ? group : null, outcomes.size());
                    if (outcome == null) {
                        // failed inside a group, which was rolled back: run the group again, singly
                        outcomes.subList(group.firstOutcome, outcomes.size()).clear();
                        i = group.firstIndex - 1;
                        singlyUntil = index;
                        group.clear();
                        continue;
                    }
                } else {
                    group.commit(c, ledger);
                    tables.forget();
                    outcome = executeDdl(c, ticketId, database, index, ast, statements.get(i), progress,
                            recorded.get(index));
                }
                outcomes.add(outcome);
                stopped = outcome.status() == Status.FAILED || outcome.status() == Status.IN_FLIGHT;
                if (stopped || group.full()) {
                    group.commit(c, ledger);
                }
                i++;
            }
            group.commit(c, ledger);
            return new ExecutionReport(ticketId, database, outcomes);
        } finally {
            RunLocks.unlock(c, database);
        }
    }

    /** The message of the statement a DBA's abort stopped the run before. */
    static final String ABORTED = "aborted by a DBA before it ran: the statements before it ran and stay as they"
            + " are; retry runs this one and the rest, or roll back undoes what ran";

    /**
     * Runs one DML statement with its before-images. With a {@code group}, its ledger row joins the group's
     * transaction (committed later by the group); a failure there rolls the group back and returns null, so the caller
     * runs the group again singly. Without one, the statement and its row commit at once.
     */
    private StatementOutcome executeDml(Connection c, DmlChange.Tables tables, String ticketId, String database,
                                        int index, SQLStatement ast, String sql, Entry previous, Group group,
                                        int outcomePosition) throws SQLException {
        if (changed(previous, sql)) {
            commitOrRollBack(c, group);
            return changedOutcome(index, Kind.DML);
        }
        if (previous != null && previous.state() == State.DONE) {
            return new StatementOutcome(index, Kind.DML, Status.ALREADY_DONE, previous.affectedRows(), null);
        }
        Instant started = Instant.now();
        try {
            DmlChange.Applied applied = DmlChange.apply(c, tables, database, ast, sql, maxRowsPerStatement);
            ExecutionLedger.RowSize size = ExecutionLedger.RowSize.of(sql, applied.rollbackSql());
            Optional<String> tooLarge = ExecutionLedger.tooLarge(c, size, recordPacket, applied.affectedRows());
            if (tooLarge.isPresent()) {
                throw new DmlChange.Unsupported("the statement changed " + applied.affectedRows() + " rows, and "
                        + tooLarge.get() + "; rolled back");
            }
            if (group != null && !group.isEmpty() && !ExecutionLedger.fitsWith(c, group.sent, size)) {
                // its row fits a write of its own, not with the group's: the group runs again, singly
                c.rollback();
                tables.forget();
                return null;
            }
            ExecutionLedger.Row row = new ExecutionLedger.Row(ticketId, Phase.EXECUTE, index, database, Kind.DML,
                    State.DONE, sql, started, Instant.now(), applied.affectedRows(), null, applied.rollbackSql(), null);
            if (group == null) {
                ledger.recordAll(c, List.of(row));
                c.commit();
                tables.forget();
            } else {
                group.add(row, outcomePosition, size.total());
            }
            return new StatementOutcome(index, Kind.DML, Status.EXECUTED, applied.affectedRows(), null);
        } catch (SQLException | DmlChange.Unsupported e) {
            c.rollback();
            tables.forget();
            if (group != null && !group.isEmpty()) {
                return null;
            }
            return stops.failed(c, ticketId, Phase.EXECUTE, database, index, Kind.DML, sql, started, e);
        }
    }

    private void commitOrRollBack(Connection c, Group group) throws SQLException {
        if (group == null) {
            c.rollback(); // what the run read stays right: nothing committed, and its reads were in no transaction
        } else {
            group.commit(c, ledger);
        }
    }

    /**
     * DML statements executed but not committed yet, with their ledger rows: committed together once there are
     * {@link #STATEMENTS} of them, their rows reach {@link #ROWS}, their recorded SQL {@link #BYTES}, or they have
     * held their locks for {@link #MILLIS}, and before anything else runs.
     */
    public static final class Group {

        public static final int STATEMENTS = 100;
        static final long ROWS = 10_000;
        static final long BYTES = 1024 * 1024;
        static final long MILLIS = 250;

        /**
         * What the run read of the tables, valid for one transaction only: its reads took the tables' metadata locks,
         * which end with it, so a trigger or key added by someone else after the commit is read again.
         */
        private final DmlChange.Tables tables;
        private final List<ExecutionLedger.Row> rows = new ArrayList<>();
        private long affected;
        private long bytes;
        /** The rows' texts as the driver sends them ({@link ExecutionLedger.RowSize}). */
        private long sent;
        private long startedNanos;
        int firstIndex;
        int firstOutcome;

        public Group(DmlChange.Tables tables) {
            this.tables = tables;
        }

        void add(ExecutionLedger.Row row, int outcomePosition, long sentBytes) {
            if (rows.isEmpty()) {
                firstIndex = row.index();
                firstOutcome = outcomePosition;
                startedNanos = System.nanoTime();
            }
            rows.add(row);
            affected += Math.max(0, row.affectedRows());
            bytes += row.sql().length() + (row.rollbackSql() == null ? 0 : row.rollbackSql().length());
            sent += sentBytes;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        boolean full() {
            return rows.size() >= STATEMENTS || affected >= ROWS || bytes >= BYTES
                    || !rows.isEmpty() && System.nanoTime() - startedNanos >= MILLIS * 1_000_000;
        }

        /** Writes the group's ledger rows and commits them with the statements' changes. */
        void commit(Connection c, ExecutionLedger ledger) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            ledger.recordAll(c, rows);
            c.commit();
            tables.forget();
            clear();
        }

        void clear() {
            rows.clear();
            affected = 0;
            bytes = 0;
            sent = 0;
        }
    }

    private StatementOutcome executeDdl(Connection c, String ticketId, String database, int index, SQLStatement ast,
                                        String sql, ExecutionProgress progress, Entry previous)
            throws SQLException {
        c.commit();
        if (changed(previous, sql)) {
            return changedOutcome(index, Kind.DDL);
        }
        if (previous != null && previous.state() == State.DONE) {
            return new StatementOutcome(index, Kind.DDL, Status.ALREADY_DONE, previous.affectedRows(), null);
        }
        if (previous != null && previous.state() == State.STARTED) {
            return RunStops.inFlight(index, previous);
        }
        String inverse = DdlInverse.of(c, database, ast);
        Instant started = Instant.now();
        ledger.record(c, ticketId, Phase.EXECUTE, index, database, Kind.DDL, State.STARTED, sql, started, null, null, inverse);
        c.commit();
        return ddl.runDdl(c, ticketId, Phase.EXECUTE, database, index, ast, sql, started, inverse, progress);
    }

    /** An earlier run recorded different SQL under this index: skipping or re-running could both be wrong. */
    private static boolean changed(Entry previous, String sql) {
        return previous != null && previous.state() == State.DONE && previous.sql() != null && !previous.sql().equals(sql);
    }

    private static StatementOutcome changedOutcome(int index, Kind kind) {
        return new StatementOutcome(index, kind, Status.FAILED, -1, "statement " + index
                + " differs from the one an earlier run of this ticket recorded; the ticket's SQL must not change"
                + " once execution has begun");
    }
}
