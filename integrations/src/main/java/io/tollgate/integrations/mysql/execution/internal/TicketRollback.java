package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.MysqlDialect;
import io.tollgate.integrations.mysql.execution.ConflictPolicy;
import io.tollgate.integrations.mysql.execution.ExecutionProgress;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.InverseRecord;
import io.tollgate.integrations.mysql.execution.LedgerMismatchException;
import io.tollgate.integrations.mysql.execution.RowConflict;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Entry;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Phase;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.State;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Rolls a ticket back: replays its recorded inverses in reverse order, each exactly once, minding conflicts. */
public final class TicketRollback {

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;
    private final ExecutionLedger ledger;
    private final TargetConnections connections;
    private final KnownLedgers ledgers;
    private final RunLocks locks;
    private final DdlRun ddl;
    private final RunStops stops;

    public TicketRollback(MysqlCoordinates target, ExecutionSettings settings, ExecutionLedger ledger,
                   TargetConnections connections, KnownLedgers ledgers, RunLocks locks, DdlRun ddl, RunStops stops) {
        this.target = target;
        this.settings = settings;
        this.ledger = ledger;
        this.connections = connections;
        this.ledgers = ledgers;
        this.locks = locks;
        this.ddl = ddl;
        this.stops = stops;
    }

    /** {@link io.tollgate.integrations.mysql.execution.MysqlTicketExecutor#rollback(String, ConflictPolicy, ExecutionProgress)}. */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy, ExecutionProgress progress, InverseRecord record) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(record, "record");
        int page = settings.ledgerPage();
        try (Connection c = connections.connect(null);
             RunLocks.RunEnds runEnds = () -> RunLocks.releaseRun(c, ticketId)) {
            ledgers.ensureLedger(c);
            // the rows come back with the dates and keys they held, though the server's mode takes no new zero dates
            MysqlDialect.writeRowsAsStored(c);
            // held until the run ends: the ledger is read below, before the database's lock is taken
            locks.lockRun(c, ticketId);
            // the ledger is read a page at a time from here on (ADR 0023): no step holds more than one page of inverses
            Entry inFlight = ledger.firstInFlight(c, ticketId);
            if (inFlight != null) {
                // undoing what ran around a DDL of unknown outcome could make things worse: a DBA resolves it first
                List<StatementOutcome> outcomes = new ArrayList<>();
                outcomes.add(RunStops.inFlight(inFlight.index(), inFlight));
                ledger.forEachDone(c, ticketId, page, false, undo -> outcomes.add(new StatementOutcome(
                        undo.executed().index(), undo.executed().kind(), Status.NOT_RUN, -1, null)));
                return new ExecutionReport(ticketId, inFlight.database(), outcomes);
            }
            int total = ledger.countDone(c, ticketId, Phase.EXECUTE);
            if (total == 0) {
                return new ExecutionReport(ticketId, null, List.of());
            }
            String database = ledger.doneDatabase(c, ticketId);
            progress.runStarts(ledger.countDone(c, ticketId, Phase.ROLLBACK) + 1, total);
            locks.lock(c, database);
            try {
                requireRecorded(c, ticketId, record, page);
                c.setAutoCommit(false);
                // rows a DBA's choice leaves as they are: every line of such a row is left, in every statement (a later
                // statement's line conflicting, an earlier one's guard could match the newer value and overwrite it)
                java.util.Set<String> left = new java.util.HashSet<>();
                // every page is checked before anything is written: a conflict in the last page stops it all
                RollbackConflicts check = new RollbackConflicts(ledger, page);
                RollbackConflicts.Found conflicts = check.dryRun(c, ticketId);
                if (policy == ConflictPolicy.STOP && !conflicts.isEmpty()) {
                    return check.report(c, ticketId, database, conflicts);
                }
                if (policy == ConflictPolicy.SKIP_CONFLICTS && conflicts.tooManyToLeave()) {
                    throw new TicketExecutionException("the rollback of ticket " + ticketId + " ran nothing: more than "
                            + RollbackConflicts.MAX_LEFT_ROWS + " rows conflict, more than a rollback that leaves them"
                            + " keeps track of; force the rollback or close the ticket");
                }
                left.addAll(policy == ConflictPolicy.SKIP_CONFLICTS ? conflicts.rows : conflicts.heldBackRows);
                List<StatementOutcome> outcomes = new ArrayList<>();
                RollbackConflicts.HeldBack heldBack = new RollbackConflicts.HeldBack();
                // conflicts met on the way: a DDL inverse's (ADR 0043), and rows behind a DDL inverse, which the dry run
                // does not reach
                List<RowConflict> dropped = new ArrayList<>();
                boolean[] stopped = {false};
                ledger.forEachDone(c, ticketId, page, true, undo -> {
                    Entry e = undo.executed();
                    if (stopped[0]) {
                        outcomes.add(new StatementOutcome(e.index(), e.kind(), Status.NOT_RUN, -1, null));
                        return true;
                    }
                    requireRecorded(ticketId, undo, record); // again, as it runs: the ledger is not locked
                    StatementOutcome outcome = rollbackOne(c, ticketId, database, undo, policy, heldBack,
                            dropped, left);
                    outcomes.add(outcome);
                    stopped[0] = outcome.status() != Status.EXECUTED && outcome.status() != Status.ALREADY_DONE;
                    if (!stopped[0]) {
                        progress.rolledBack(outcomes.size(), total);
                    }
                    return true;
                });
                c.commit();
                return new ExecutionReport(ticketId, database, outcomes, dropped, dropped.size());
            } finally {
                c.setAutoCommit(true);
                RollbackConflicts.resetSession(c);
                RunLocks.unlock(c, database);
            }
        } catch (SQLException e) {
            throw ledgers.forgetLedger(new TicketExecutionException("rollback of ticket " + ticketId + " on " + target
                    + ": the target failed outside a statement: " + e.getMessage(), e));
        }
    }

    /**
     * Checks every inverse still to run against Tollgate's record (ADR 0044) and its seal (ADR 0045) before anything
     * runs.
     */
    private void requireRecorded(Connection c, String ticketId, InverseRecord record, int page) throws SQLException {
        int done = ledger.countDone(c, ticketId, Phase.EXECUTE);
        if (record.count() >= 0 && done != record.count()) {
            throw refused(ticketId, "the ledger on the target records " + done + " executed statements, Tollgate"
                    + " recorded " + record.count() + " (rows changed or taken away on the target since the ticket"
                    + " executed)");
        }
        ledger.forEachDone(c, ticketId, page, true, undo -> {
            requireRecorded(ticketId, undo, record);
            return true;
        });
    }

    private static void requireRecorded(String ticketId, ExecutionLedger.Undo undo, InverseRecord record) {
        Entry executed = undo.executed();
        if (undo.undone() != null && undo.undone().state() == State.DONE) {
            // undone by an earlier run: nothing of it runs again, so that row must be Tollgate's
            if (undo.undone().seal() != ExecutionLedger.Seal.VALID) {
                throw refused(ticketId, "statement " + executed.index() + " has a row in the ledger on the target"
                        + " saying it was rolled back, which Tollgate did not write (its seal "
                        + undo.undone().seal().says() + "); skipping it would leave it not undone");
            }
            return;
        }
        if (record != InverseRecord.NONE && !record.matches(executed.index(), executed.rollbackSql())) {
            throw refused(ticketId, "the inverse of statement " + executed.index() + " in the ledger on the target"
                    + " differs from Tollgate's record of it (changed or taken away on the target since the ticket"
                    + " executed)");
        }
        // without a record, only the seal vouches for the row; a row written before rows were sealed is taken when it
        // is what Tollgate recorded (above)
        if (executed.seal() == ExecutionLedger.Seal.BROKEN
                || executed.seal() != ExecutionLedger.Seal.VALID && record == InverseRecord.NONE) {
            throw refused(ticketId, "the inverse of statement " + executed.index() + " in the ledger on the target"
                    + " is not Tollgate's (its seal " + executed.seal().says() + ")");
        }
    }

    /** A rollback refused before anything ran, because the ledger is not what Tollgate recorded (ADR 0044, 0045). */
    private static LedgerMismatchException refused(String ticketId, String why) {
        return new LedgerMismatchException("the rollback of ticket " + ticketId + " ran nothing: " + why
                + "; a DBA must find out who changed the ledger before anything is rolled back");
    }

    /**
     * Undoes one completed statement, unless the ledger's rollback row (read with its page, under the run lock: only
     * this run writes it) says an earlier run did or left it in flight.
     */
    private StatementOutcome rollbackOne(Connection c, String ticketId, String database, ExecutionLedger.Undo undo,
                                         ConflictPolicy policy, RollbackConflicts.HeldBack heldBack,
                                         List<RowConflict> dropped, java.util.Set<String> left)
            throws SQLException {
        Entry executed = undo.executed();
        int index = executed.index();
        Entry previous = undo.undone();
        c.commit();
        heldBack.forget(); // one statement's inverse is one transaction: read the tables again within it
        if (previous != null && previous.state() == State.DONE) {
            return new StatementOutcome(index, executed.kind(), Status.ALREADY_DONE, previous.affectedRows(), null);
        }
        if (previous != null && previous.state() == State.STARTED) {
            return RunStops.inFlight(index, previous);
        }
        String sql = executed.rollbackSql();
        if (sql == null) {
            return new StatementOutcome(index, executed.kind(), Status.IRREVERSIBLE, -1,
                    "statement " + index + " has no recorded inverse; rollback stopped before it");
        }
        Instant started = Instant.now();
        if (executed.kind() == Kind.DDL) {
            Optional<RowConflict> lost = DdlConflicts.find(c, index, sql, executed.left());
            if (lost.isPresent() && policy != ConflictPolicy.FORCE) {
                c.rollback();
                if (policy == ConflictPolicy.STOP) {
                    dropped.add(lost.get());
                    return new StatementOutcome(index, Kind.DDL, Status.CONFLICT, -1, lost.get().reason()
                            + "; this statement's rollback changed nothing");
                }
                ledger.record(c, ticketId, Phase.ROLLBACK, index, database, Kind.DDL, State.DONE, sql, started, 0L,
                        null, null);
                c.commit();
                return new StatementOutcome(index, Kind.DDL, Status.EXECUTED, 0, "left as it is now: "
                        + lost.get().reason(), 1);
            }
            ledger.record(c, ticketId, Phase.ROLLBACK, index, database, Kind.DDL, State.STARTED, sql, started, null, null, null);
            c.commit();
            return ddl.runDdl(c, ticketId, Phase.ROLLBACK, database, index, StatementPlan.parse(sql), sql, started,
                    null, ExecutionProgress.NONE);
        }
        try (Statement s = c.createStatement()) {
            long affected = 0;
            int skipped = 0;
            int forced = 0;
            Map<String, List<String>> keys = new HashMap<>();
            java.util.Set<String> resetBy = new java.util.TreeSet<>();
            for (String text : sql.split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                RollbackLine line = RollbackLine.parse(text);
                if (line.kind() == RollbackLine.Kind.SESSION) {
                    s.execute(line.body());
                    continue;
                }
                // only a DBA's choice leaves rows: the default run names none (an INSERT line's key is read for it)
                String row = policy == ConflictPolicy.STOP ? null : RollbackConflicts.identity(line.table(),
                        line.keyCondition(line.kind() == RollbackLine.Kind.INSERT
                                ? RollbackConflicts.primaryKey(c, line.table(), keys) : List.of()));
                if (row != null && left.contains(row)) {
                    skipped++; // a line of a row left whole: another line of it conflicts
                    continue;
                }
                Optional<String> referenced = heldBack.reason(c, line);
                if (referenced.isPresent()) {
                    // never forced: the server (a foreign key, a trigger) would change rows the ticket never touched
                    if (policy == ConflictPolicy.STOP) {
                        // listed as the dry run lists it: a DBA decides on it (the dry run stops at DDL)
                        List<String> primaryKey = RollbackConflicts.primaryKey(c, line.table(), keys);
                        dropped.add(RollbackConflicts.conflict(index, line, primaryKey,
                                RollbackConflicts.probe(c, line, primaryKey), referenced.get()));
                        c.rollback();
                        return new StatementOutcome(index, Kind.DML, Status.CONFLICT, -1, "a row of " + line.table()
                                + " the ticket changed: " + referenced.get() + "; this statement's rollback changed"
                                + " nothing");
                    }
                    skipped++;
                    left.add(row);
                    continue;
                }
                RowConflict duplicate = null;
                boolean restored;
                RollbackConflicts.HeldBack.Unseen unseen = heldBack.unseen(c, line);
                try {
                    restored = restore(s, line, unseen.condition());
                } catch (SQLException e) {
                    if (e.getErrorCode() != RollbackConflicts.DUPLICATE_KEY) {
                        throw e;
                    }
                    duplicate = RollbackConflicts.duplicate(c, index, line,
                            RollbackConflicts.primaryKey(c, line.table(), keys), e);
                    restored = false;
                }
                if (duplicate != null && duplicate.heldBack()) {
                    // never forced: putting the row back would need the row that holds the value now changed
                    if (policy == ConflictPolicy.STOP) {
                        dropped.add(duplicate);
                        c.rollback();
                        return new StatementOutcome(index, Kind.DML, Status.CONFLICT, -1, "row " + duplicate.key()
                                + " of " + duplicate.table() + ": " + duplicate.reason() + "; this statement's"
                                + " rollback changed nothing");
                    }
                    skipped++;
                    left.add(row);
                    continue;
                }
                if (restored) {
                    if (heldBack.mayMoveKey(c, line) && RollbackConflicts.probe(c, line,
                            RollbackConflicts.primaryKey(c, line.table(), keys)) == null) {
                        // undone with the transaction by the caller of this catch
                        throw new SQLException("the row restored into " + line.table() + " was given another key by"
                                + " a BEFORE INSERT trigger of the table, so the rollback would not put it back where"
                                + " it was; this statement's rollback changed nothing");
                    }
                    heldBack.resettingTrigger(c, line).ifPresent(resetBy::add);
                    affected++;
                    continue;
                }
                // the row changed since the ticket executed (or is gone, or its key is back)
                List<String> primaryKey = RollbackConflicts.primaryKey(c, line.table(), keys);
                if (policy == ConflictPolicy.STOP) {
                    List<String> now = duplicate != null ? null : RollbackConflicts.probe(c, line, primaryKey);
                    RowConflict conflict = duplicate != null ? duplicate : RollbackConflicts.conflict(index, line,
                            primaryKey, now, now == null ? "the row is gone"
                                    : RollbackConflicts.changedSince(c, line, unseen));
                    dropped.add(conflict); // listed as the dry run lists it: a DBA decides on it
                    c.rollback();
                    return new StatementOutcome(index, Kind.DML, Status.CONFLICT, -1, "row " + conflict.key()
                            + " of " + conflict.table() + " changed since the ticket executed; this statement's"
                            + " rollback changed nothing");
                }
                if (policy == ConflictPolicy.FORCE && force(s, line, primaryKey)) {
                    forced++;
                    affected++;
                } else {
                    skipped++;
                    left.add(row);
                }
            }
            ledger.record(c, ticketId, Phase.ROLLBACK, index, database, Kind.DML, State.DONE, sql, started, affected, null, null);
            c.commit();
            String note = skipped == 0 && forced == 0 ? null
                    : (skipped > 0 ? skipped + " conflicting row" + (skipped == 1 ? "" : "s") + " left as "
                    + (skipped == 1 ? "it is" : "they are") + " now" : "")
                    + (skipped > 0 && forced > 0 ? "; " : "")
                    + (forced > 0 ? forced + " conflicting row" + (forced == 1 ? "" : "s") + " overwritten (forced)" : "");
            if (!resetBy.isEmpty()) {
                String reset = "the table's BEFORE trigger " + String.join(", ", resetBy) + " ran again on the restored"
                        + " rows: the columns it sets hold what it set, not what they held before the ticket";
                note = note == null ? reset : note + "; " + reset;
            }
            return new StatementOutcome(index, Kind.DML, Status.EXECUTED, affected, note, skipped);
        } catch (SQLException | IllegalArgumentException e) {
            c.rollback();
            return stops.failed(c, ticketId, Phase.ROLLBACK, database, index, Kind.DML, sql, started,
                    e instanceof SQLException ? (SQLException) e : new SQLException(e.getMessage(), e));
        }
    }

    /**
     * Runs a guarded line; true when it restored its row, false when the row conflicts. A duplicate key is thrown: the
     * caller tells whose key it is.
     */
    private static boolean restore(Statement s, RollbackLine line, String unseen) throws SQLException {
        long restored = s.executeLargeUpdate(line.body() + unseen);
        return line.kind() == RollbackLine.Kind.INSERT || restored == 1;
    }

    /**
     * Overwrites a conflicting row (a DBA's forced rollback); false when there was none to write, or when its values
     * would duplicate a unique value another row holds now: that row is never written.
     */
    private static boolean force(Statement s, RollbackLine line, List<String> primaryKey) throws SQLException {
        try {
            return s.executeLargeUpdate(line.forced(primaryKey)) > 0;
        } catch (SQLException e) {
            if (e.getErrorCode() == RollbackConflicts.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
