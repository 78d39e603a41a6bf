package io.tollgate.integrations.mysql.execution;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAddIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropColumnItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropIndex;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableDropKey;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableItem;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import io.tollgate.integrations.mysql.MysqlConnections;
import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.NamedLocks;
import io.tollgate.integrations.mysql.execution.ExecutionLedger.Entry;
import io.tollgate.integrations.mysql.execution.ExecutionLedger.Phase;
import io.tollgate.integrations.mysql.execution.ExecutionLedger.State;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Executes a ticket's statements on one target exactly once and rolls them back, keeping the execution ledger
 * on the target (see the package documentation). Stateless apart from its configuration and the ledgers this JVM
 * knows exist (shared by all executors, thread-safe); safe to share.
 */
public final class MysqlTicketExecutor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MysqlTicketExecutor.class);

    /**
     * The ledgers this JVM has created or found ({@link #ledgerKey}): an executor is built per run, and creating the
     * ledger on every run cost two statements a connection (issue 16). A ledger dropped later is not silently
     * recreated empty by the run that meets its absence: that run fails on the missing table and forgets the key,
     * so only the next run creates it again.
     */
    private static final Set<String> KNOWN_LEDGERS = ConcurrentHashMap.newKeySet();

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;
    private final ExecutionLedger ledger;
    private final OnlineAlter online;
    private final String ledgerKey;

    public MysqlTicketExecutor(MysqlCoordinates target, ExecutionSettings settings) {
        this.target = Objects.requireNonNull(target, "target");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ledger = new ExecutionLedger(settings.ledgerSchema());
        this.online = new OnlineAlter(target, settings);
        this.ledgerKey = ledgerKey(target, settings);
    }

    /** One ledger per target server and ledger schema, whichever user or database a run connects with. */
    static String ledgerKey(MysqlCoordinates target, ExecutionSettings settings) {
        return target.host() + ":" + target.port() + "/" + settings.ledgerSchema();
    }

    /** Creates the ledger unless this JVM already has on this server; DDL, so outside a ticket's transactions. */
    private void ensureLedger(Connection c) throws SQLException {
        if (!KNOWN_LEDGERS.contains(ledgerKey)) {
            ledger.ensureExists(c);
            KNOWN_LEDGERS.add(ledgerKey);
        }
    }

    /**
     * After the target failed a run: the ledger may be what is missing, so the next run checks and creates it again.
     * Returns {@code failure} to throw.
     */
    private TicketExecutionException forgetLedger(TicketExecutionException failure) {
        KNOWN_LEDGERS.remove(ledgerKey);
        return failure;
    }

    /**
     * Runs the statements in order on {@code database}, skipping those the ledger records as done, and stops at
     * the first that fails or that an earlier run left in flight. Nothing runs if a statement cannot be parsed
     * or its rollback cannot be built.
     *
     * @throws TicketExecutionException when another ticket holds the database, the ticket's rollback has begun,
     *                                  or the target cannot be used
     */
    public ExecutionReport execute(String ticketId, String database, List<String> statements) {
        return execute(ticketId, database, statements, ExecutionProgress.NONE);
    }

    /** {@link #execute(String, String, List)}, telling {@code progress} what runs and letting it abort. */
    public ExecutionReport execute(String ticketId, String database, List<String> statements,
                                   ExecutionProgress progress) {
        return execute(ticketId, database, statements, progress, (report, recordedRollback) -> report);
    }

    /** What the caller makes of a finished run, given its report and the ticket's recorded rollback. */
    @FunctionalInterface
    public interface Finish<T> {
        T finished(ExecutionReport report, RecordedRollback recordedRollback);
    }

    /** The ticket's recorded inverses, read as {@link #recordedRollback(String, PageConsumer)} reads them. */
    @FunctionalInterface
    public interface RecordedRollback {
        int forEachPage(PageConsumer pages);
    }

    /**
     * {@link #execute(String, String, List, ExecutionProgress)}, then {@code finish} with the report and the ticket's
     * recorded rollback, read a page at a time on the run's own connection while {@code finish} runs: a caller that
     * keeps the rollback SQL needs no second connection to the target for it (issue 16). The connection closes, and
     * the ticket's run lock with it, once {@code finish} returns; the result is {@code finish}'s.
     */
    public <T> T execute(String ticketId, String database, List<String> statements, ExecutionProgress progress,
                         Finish<T> finish) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(finish, "finish");
        List<SQLStatement> parsed = new ArrayList<>();
        int refusedIndex = 0;
        String refusal = null;
        for (int i = 0; i < statements.size(); i++) {
            SQLStatement ast = null;
            try {
                ast = SQLUtils.parseSingleMysqlStatement(statements.get(i));
            } catch (RuntimeException e) {
                if (refusal == null) {
                    refusedIndex = i + 1;
                    refusal = "cannot parse: " + e.getMessage();
                }
            }
            if (ast != null && refusal == null && refusal(ast) != null) {
                refusedIndex = i + 1;
                refusal = refusal(ast);
            }
            parsed.add(ast);
        }
        if (refusal != null) {
            // nothing connected: an earlier run's inverses, if any, are read on a connection of their own
            return finish.finished(refused(ticketId, database, parsed, refusedIndex, refusal),
                    pages -> recordedRollback(ticketId, pages));
        }
        try (Connection c = connect(database); RunEnds runEnds = () -> releaseRun(c, ticketId)) {
            ExecutionReport report = run(c, ticketId, database, statements, parsed, progress);
            // the run's transactions are over: each page is read in autocommit, holding no snapshot open meanwhile
            c.setAutoCommit(true);
            return finish.finished(report, pages -> recordedRollback(c, ticketId, pages));
        } catch (SQLException e) {
            throw forgetLedger(new TicketExecutionException("ticket " + ticketId + " on " + target + "/" + database
                    + ": the target failed outside a statement: " + e.getMessage(), e));
        }
    }

    /** Runs the parsed statements on {@code c}, holding the ticket's and the database's locks. */
    private ExecutionReport run(Connection c, String ticketId, String database, List<String> statements,
                                List<SQLStatement> parsed, ExecutionProgress progress) throws SQLException {
        ensureLedger(c);
        lockRun(c, ticketId);
        lock(c, database);
        try {
            if (ledger.rollbackBegun(c, ticketId)) {
                throw new TicketExecutionException("ticket " + ticketId + " is being or has been rolled back;"
                        + " it cannot be executed again");
            }
            // read once under the lock: only this run writes the ticket's rows while it holds it
            Map<Integer, Entry> recorded = new HashMap<>();
            ledger.executed(c, ticketId).forEach(e -> recorded.put(e.index(), e));
            int firstToRun = 1;
            while (firstToRun <= statements.size() && recorded.get(firstToRun) != null
                    && recorded.get(firstToRun).state() == State.DONE) {
                firstToRun++;
            }
            progress.runStarts(firstToRun, statements.size());
            c.setAutoCommit(false);
            DmlChange.Tables tables = new DmlChange.Tables();
            List<StatementOutcome> outcomes = new ArrayList<>();
            Group group = new Group();
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
            unlock(c, database);
        }
    }

    /**
     * Whether a run of the ticket (execute or rollback) holds its lock on the target now, on any node: a run whose
     * node died has lost it, because the target ends a dead client's connection and with it the lock.
     */
    public boolean running(String ticketId) {
        try (Connection c = connect(null);
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

    /**
     * The statements of the ticket the ledger records as done (committed), in order, as outcomes
     * {@link Status#ALREADY_DONE} with their affected rows: what an interrupted execution left done.
     */
    public List<StatementOutcome> done(String ticketId) {
        try (Connection c = connect(null)) {
            ensureLedger(c);
            return ledger.done(c, ticketId);
        } catch (SQLException e) {
            throw forgetLedger(new TicketExecutionException("ledger of ticket " + ticketId + " on " + target
                    + " cannot be read: " + e.getMessage(), e));
        }
    }

    /**
     * The statements of the ticket whose rollback the ledger records as done (committed), in statement order (a
     * rollback undoes them from the last one back), as outcomes {@link Status#ALREADY_DONE}: what an interrupted
     * rollback had already restored.
     */
    public List<StatementOutcome> undone(String ticketId) {
        try (Connection c = connect(null)) {
            ensureLedger(c);
            return ledger.done(c, ticketId, Phase.ROLLBACK);
        } catch (SQLException e) {
            throw forgetLedger(new TicketExecutionException("ledger of ticket " + ticketId + " on " + target
                    + " cannot be read: " + e.getMessage(), e));
        }
    }

    /**
     * The inverses recorded for the ticket's completed statements, in the order a rollback runs them (reverse
     * script order). Empty when nothing completed. Holds them all: for small tickets and tests; Tollgate reads them
     * with {@link #recordedRollback(String, PageConsumer)}.
     */
    public List<RecordedInverse> recordedRollback(String ticketId) {
        List<RecordedInverse> all = new ArrayList<>();
        recordedRollback(ticketId, all::addAll);
        return all;
    }

    /** Takes one page of recorded inverses. */
    @FunctionalInterface
    public interface PageConsumer {
        void accept(List<RecordedInverse> page);
    }

    /**
     * The inverses recorded for the ticket's completed statements, in the order a rollback runs them (reverse script
     * order), handed to {@code pages} {@link ExecutionSettings#ledgerPage()} at a time: at most one page is held, so a
     * ticket of any size is read in bounded memory. Returns how many there were.
     */
    public int recordedRollback(String ticketId, PageConsumer pages) {
        try (Connection c = connect(null)) {
            ensureLedger(c);
            return recordedRollback(c, ticketId, pages);
        } catch (SQLException e) {
            throw rollbackSqlUnreadable(ticketId, e);
        }
    }

    /** {@link #recordedRollback(String, PageConsumer)} on a connection already open, with the ledger in place. */
    private int recordedRollback(Connection c, String ticketId, PageConsumer pages) {
        Objects.requireNonNull(pages, "pages");
        try {
            int[] count = {0};
            List<RecordedInverse> page = new ArrayList<>();
            ledger.forEachDone(c, ticketId, settings.ledgerPage(), true, undo -> {
                page.add(new RecordedInverse(undo.executed().index(), undo.executed().rollbackSql()));
                if (page.size() >= settings.ledgerPage()) {
                    pages.accept(List.copyOf(page));
                    count[0] += page.size();
                    page.clear();
                }
                return true;
            });
            if (!page.isEmpty()) {
                pages.accept(List.copyOf(page));
                count[0] += page.size();
            }
            return count[0];
        } catch (SQLException e) {
            throw rollbackSqlUnreadable(ticketId, e);
        }
    }

    private TicketExecutionException rollbackSqlUnreadable(String ticketId, SQLException e) {
        return forgetLedger(new TicketExecutionException("rollback SQL of ticket " + ticketId + " on " + target
                + " cannot be read: " + e.getMessage(), e));
    }

    /** {@link #rollback(String, ConflictPolicy)} that changes nothing when any row changed since execution. */
    public ExecutionReport rollback(String ticketId) {
        return rollback(ticketId, ConflictPolicy.STOP);
    }

    /**
     * Runs the recorded rollback SQL of the ticket's completed statements in reverse order, each exactly once,
     * and stops at the first that fails or has no recorded inverse. Runs nothing while a DDL statement of the
     * ticket is in flight. Each row is restored only while it holds what the ticket left; with
     * {@link ConflictPolicy#STOP}, the whole rollback is first tried in a transaction that is then undone, and if any
     * row changed since (a conflict), nothing is changed and the report lists every conflicting row.
     */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy) {
        return rollback(ticketId, policy, ExecutionProgress.NONE);
    }

    /**
     * {@link #rollback(String, ConflictPolicy)}, telling {@code progress} where the run starts: the step (in rollback
     * order, from 1) after those an earlier run already undid, out of the ticket's completed statements.
     */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy, ExecutionProgress progress) {
        Objects.requireNonNull(progress, "progress");
        int page = settings.ledgerPage();
        try (Connection c = connect(null); RunEnds runEnds = () -> releaseRun(c, ticketId)) {
            ensureLedger(c);
            // held until the run ends: the ledger is read below, before the database's lock is taken
            lockRun(c, ticketId);
            // the ledger is read a page at a time from here on (ADR 0023): no step holds more than one page of inverses
            Entry inFlight = ledger.firstInFlight(c, ticketId);
            if (inFlight != null) {
                // undoing what ran around a DDL of unknown outcome could make things worse: a DBA resolves it first
                List<StatementOutcome> outcomes = new ArrayList<>();
                outcomes.add(inFlight(inFlight.index(), inFlight));
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
            lock(c, database);
            try {
                withBackslashEscapes(c);
                c.setAutoCommit(false);
                if (policy == ConflictPolicy.STOP) {
                    // every page is checked before anything is written: a conflict in the last page stops it all
                    RollbackConflicts check = new RollbackConflicts(ledger, page);
                    RollbackConflicts.Found conflicts = check.dryRun(c, ticketId);
                    if (!conflicts.isEmpty()) {
                        return check.report(c, ticketId, database, conflicts);
                    }
                }
                List<StatementOutcome> outcomes = new ArrayList<>();
                boolean[] stopped = {false};
                ledger.forEachDone(c, ticketId, page, true, undo -> {
                    Entry e = undo.executed();
                    if (stopped[0]) {
                        outcomes.add(new StatementOutcome(e.index(), e.kind(), Status.NOT_RUN, -1, null));
                        return true;
                    }
                    StatementOutcome outcome = rollbackOne(c, ticketId, database, undo, policy);
                    outcomes.add(outcome);
                    stopped[0] = outcome.status() != Status.EXECUTED && outcome.status() != Status.ALREADY_DONE;
                    return true;
                });
                c.commit();
                return new ExecutionReport(ticketId, database, outcomes);
            } finally {
                c.setAutoCommit(true);
                RollbackConflicts.resetSession(c);
                unlock(c, database);
            }
        } catch (SQLException e) {
            throw forgetLedger(new TicketExecutionException("rollback of ticket " + ticketId + " on " + target
                    + ": the target failed outside a statement: " + e.getMessage(), e));
        }
    }

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
            DmlChange.Applied applied = DmlChange.apply(c, tables, database, ast, sql);
            ExecutionLedger.Row row = new ExecutionLedger.Row(ticketId, Phase.EXECUTE, index, database, Kind.DML,
                    State.DONE, sql, started, Instant.now(), applied.affectedRows(), null, applied.rollbackSql());
            if (group == null) {
                ledger.recordAll(c, List.of(row));
                c.commit();
            } else {
                group.add(row, outcomePosition);
            }
            return new StatementOutcome(index, Kind.DML, Status.EXECUTED, applied.affectedRows(), null);
        } catch (SQLException | DmlChange.Unsupported e) {
            c.rollback();
            if (group != null && !group.isEmpty()) {
                return null;
            }
            return failed(c, ticketId, Phase.EXECUTE, database, index, Kind.DML, sql, started, e);
        }
    }

    private void commitOrRollBack(Connection c, Group group) throws SQLException {
        if (group == null) {
            c.rollback();
        } else {
            group.commit(c, ledger);
        }
    }

    /**
     * DML statements executed but not committed yet, with their ledger rows: committed together once there are
     * {@link #STATEMENTS} of them, their rows reach {@link #ROWS}, their recorded SQL {@link #BYTES}, or they have
     * held their locks for {@link #MILLIS}, and before anything else runs.
     */
    static final class Group {

        static final int STATEMENTS = 100;
        static final long ROWS = 10_000;
        static final long BYTES = 1024 * 1024;
        static final long MILLIS = 250;

        private final List<ExecutionLedger.Row> rows = new ArrayList<>();
        private long affected;
        private long bytes;
        private long startedNanos;
        int firstIndex;
        int firstOutcome;

        void add(ExecutionLedger.Row row, int outcomePosition) {
            if (rows.isEmpty()) {
                firstIndex = row.index();
                firstOutcome = outcomePosition;
                startedNanos = System.nanoTime();
            }
            rows.add(row);
            affected += Math.max(0, row.affectedRows());
            bytes += row.sql().length() + (row.rollbackSql() == null ? 0 : row.rollbackSql().length());
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
            clear();
        }

        void clear() {
            rows.clear();
            affected = 0;
            bytes = 0;
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
            return inFlight(index, previous);
        }
        String inverse = DdlInverse.of(c, database, ast);
        Instant started = Instant.now();
        ledger.record(c, ticketId, Phase.EXECUTE, index, database, Kind.DDL, State.STARTED, sql, started, null, null, inverse);
        c.commit();
        return runDdl(c, ticketId, Phase.EXECUTE, database, index, ast, sql, started, inverse, progress);
    }

    /**
     * Undoes one completed statement, unless the ledger's rollback row (read with its page, under the run lock: only
     * this run writes it) says an earlier run did or left it in flight.
     */
    private StatementOutcome rollbackOne(Connection c, String ticketId, String database, ExecutionLedger.Undo undo,
                                         ConflictPolicy policy) throws SQLException {
        Entry executed = undo.executed();
        int index = executed.index();
        Entry previous = undo.undone();
        c.commit();
        if (previous != null && previous.state() == State.DONE) {
            return new StatementOutcome(index, executed.kind(), Status.ALREADY_DONE, previous.affectedRows(), null);
        }
        if (previous != null && previous.state() == State.STARTED) {
            return inFlight(index, previous);
        }
        String sql = executed.rollbackSql();
        if (sql == null) {
            return new StatementOutcome(index, executed.kind(), Status.IRREVERSIBLE, -1,
                    "statement " + index + " has no recorded inverse; rollback stopped before it");
        }
        Instant started = Instant.now();
        if (executed.kind() == Kind.DDL) {
            ledger.record(c, ticketId, Phase.ROLLBACK, index, database, Kind.DDL, State.STARTED, sql, started, null, null, null);
            c.commit();
            return runDdl(c, ticketId, Phase.ROLLBACK, database, index, parse(sql), sql, started, null,
                    ExecutionProgress.NONE);
        }
        try (Statement s = c.createStatement()) {
            long affected = 0;
            int skipped = 0;
            int forced = 0;
            Map<String, List<String>> keys = new HashMap<>();
            for (String text : sql.split("\n")) {
                if (text.isBlank()) {
                    continue;
                }
                RollbackLine line = RollbackLine.parse(text);
                if (line.kind() == RollbackLine.Kind.SESSION) {
                    s.execute(line.body());
                    continue;
                }
                if (restore(s, line)) {
                    affected++;
                    continue;
                }
                // the row changed since the ticket executed (or is gone, or its key is back)
                List<String> primaryKey = RollbackConflicts.primaryKey(c, line.table(), keys);
                if (policy == ConflictPolicy.STOP) {
                    RowConflict conflict = RollbackConflicts.conflict(index, line, primaryKey,
                            RollbackConflicts.probe(c, line, primaryKey),
                            "changed since");
                    c.rollback();
                    return new StatementOutcome(index, Kind.DML, Status.CONFLICT, -1, "row " + conflict.key()
                            + " of " + conflict.table() + " changed since the ticket executed; this statement's"
                            + " rollback changed nothing");
                }
                if (policy == ConflictPolicy.FORCE && s.executeLargeUpdate(line.forced(primaryKey)) > 0) {
                    forced++;
                    affected++;
                } else {
                    skipped++;
                }
            }
            ledger.record(c, ticketId, Phase.ROLLBACK, index, database, Kind.DML, State.DONE, sql, started, affected, null, null);
            c.commit();
            String note = skipped == 0 && forced == 0 ? null
                    : (skipped > 0 ? skipped + " conflicting row" + (skipped == 1 ? "" : "s") + " left as "
                    + (skipped == 1 ? "it is" : "they are") + " now" : "")
                    + (skipped > 0 && forced > 0 ? "; " : "")
                    + (forced > 0 ? forced + " conflicting row" + (forced == 1 ? "" : "s") + " overwritten (forced)" : "");
            return new StatementOutcome(index, Kind.DML, Status.EXECUTED, affected, note);
        } catch (SQLException | IllegalArgumentException e) {
            c.rollback();
            return failed(c, ticketId, Phase.ROLLBACK, database, index, Kind.DML, sql, started,
                    e instanceof SQLException ? (SQLException) e : new SQLException(e.getMessage(), e));
        }
    }

    /** Runs a guarded line; true when it restored its row, false when the row conflicts. */
    private static boolean restore(Statement s, RollbackLine line) throws SQLException {
        if (line.kind() == RollbackLine.Kind.INSERT) {
            try {
                s.executeLargeUpdate(line.body());
                return true;
            } catch (SQLException e) {
                if (e.getErrorCode() == RollbackConflicts.DUPLICATE_KEY) {
                    return false;
                }
                throw e;
            }
        }
        return s.executeLargeUpdate(line.body()) == 1;
    }

    /**
     * Runs a DDL statement already recorded STARTED, online through pt-online-schema-change when it is an ALTER
     * of a large table the tool can handle; a lost connection, or a tool that stopped without telling whether it
     * swapped the tables, leaves it STARTED (in flight).
     */
    private StatementOutcome runDdl(Connection c, String ticketId, Phase phase, String database, int index,
                                    SQLStatement ast, String sql, Instant started, String inverse,
                                    ExecutionProgress progress) throws SQLException {
        String note = null;
        OnlinePlan plan;
        try {
            plan = onlinePlan(c, database, ast);
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
                        ledger.record(c, ticketId, phase, index, database, Kind.DDL, State.DONE, sql, started, 0L, null, inverse);
                        c.commit();
                        return new StatementOutcome(index, Kind.DDL, Status.EXECUTED, 0, outcome.message());
                    }
                    case ABORTED -> {
                        return failed(c, ticketId, phase, database, index, Kind.DDL, sql, started, "aborted");
                    }
                    case FAILED -> {
                        return failed(c, ticketId, phase, database, index, Kind.DDL, sql, started,
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
            return failed(c, ticketId, phase, database, index, Kind.DDL, sql, started, e);
        }
        ledger.record(c, ticketId, phase, index, database, Kind.DDL, State.DONE, sql, started,
                0L, null, inverse);
        c.commit();
        return new StatementOutcome(index, Kind.DDL, Status.EXECUTED, 0, note);
    }

    /** An ALTER TABLE to run through pt-online-schema-change: the table and the alterations after its name. */
    private record OnlinePlan(String[] table, String alterations) {
    }

    /**
     * The online plan for an ALTER TABLE of a table with at least {@link ExecutionSettings#onlineAlterMinRows()}
     * rows that pt-online-schema-change handles as is: column changes that keep names and values (it copies rows
     * with INSERT IGNORE, which would truncate where strict mode fails) and (non-unique) index changes,
     * on a table with a primary or unique key (its chunks and delete trigger need one), no triggers of its own and
     * no foreign keys (the tool would rename them). Null for anything else, which runs directly.
     */
    private OnlinePlan onlinePlan(Connection c, String database, SQLStatement ast) throws SQLException {
        if (!(ast instanceof SQLAlterTableStatement alter) || alter.getItems().isEmpty()) {
            return null;
        }
        for (SQLAlterTableItem item : alter.getItems()) {
            boolean handled = item instanceof SQLAlterTableAddColumn
                    || item instanceof SQLAlterTableAddIndex add && !add.isUnique()
                    || item instanceof MySqlAlterTableModifyColumn
                    || item instanceof MySqlAlterTableChangeColumn change && DdlInverse.name(change.getColumnName())
                            .equalsIgnoreCase(DdlInverse.name(change.getNewColumnDefinition().getName()))
                    || item instanceof SQLAlterTableDropIndex || item instanceof SQLAlterTableDropKey
                    || item instanceof SQLAlterTableDropColumnItem;
            if (!handled) {
                return null;
            }
        }
        String[] table = DdlInverse.table(alter.getTableSource(), database);
        // a bounded count: exact below the threshold, never more than threshold rows read
        long rows = count(c, "SELECT COUNT(*) FROM (SELECT 1 FROM " + DdlInverse.qualified(table) + " LIMIT "
                + settings.onlineAlterMinRows() + ") r");
        if (rows < settings.onlineAlterMinRows()) {
            return null;
        }
        if (!DdlInverse.keepsValues(c, database, alter)) {
            // the tool copies rows with INSERT IGNORE: a value that no longer fits would be cut, not refused
            return null;
        }
        boolean keyed = count(c, "SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = ? AND CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE')", table[0], table[1]) > 0;
        boolean triggers = count(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?"
                + " AND EVENT_OBJECT_TABLE = ?", table[0], table[1]) > 0;
        boolean foreignKeys = count(c, "SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE (CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?) OR (UNIQUE_CONSTRAINT_SCHEMA = ?"
                + " AND REFERENCED_TABLE_NAME = ?)", table[0], table[1], table[0], table[1]) > 0;
        if (!keyed || triggers || foreignKeys) {
            return null;
        }
        List<String> alterations = new ArrayList<>();
        for (SQLAlterTableItem item : alter.getItems()) {
            alterations.add(SQLUtils.toMySqlString(item));
        }
        return new OnlinePlan(table, String.join(", ", alterations));
    }

    private static long count(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int p = 0; p < parameters.length; p++) {
                ps.setString(p + 1, parameters[p]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == 1146) {
                return 0;
            }
            throw e;
        }
    }

    private static SQLStatement parse(String sql) {
        try {
            return SQLUtils.parseSingleMysqlStatement(sql);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private StatementOutcome failed(Connection c, String ticketId, Phase phase, String database, int index, Kind kind,
                                    String sql, Instant started, Exception e) throws SQLException {
        return failed(c, ticketId, phase, database, index, kind, sql, started,
                "statement " + index + " failed: " + e.getMessage());
    }

    private StatementOutcome failed(Connection c, String ticketId, Phase phase, String database, int index, Kind kind,
                                    String sql, Instant started, String message) throws SQLException {
        ledger.record(c, ticketId, phase, index, database, kind, State.FAILED, sql, started, null, message, null);
        c.commit();
        return new StatementOutcome(index, kind, Status.FAILED, -1, message);
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

    private static StatementOutcome inFlight(int index, Entry previous) {
        return new StatementOutcome(index, previous.kind(), Status.IN_FLIGHT, -1, "statement " + index
                + " was started at " + previous.startedAt() + " and never recorded as finished: outcome unknown,"
                + " not re-run; a DBA must check the target and resolve it");
    }

    /** Why the statement alone is refused ({@link StatementSupport}), null when it is not. */
    private static String refusal(SQLStatement ast) {
        return StatementSupport.refusal(ast).map(StatementSupport.Refusal::message).orElse(null);
    }

    private static ExecutionReport refused(String ticketId, String database, List<SQLStatement> parsed, int index,
                                           String reason) {
        List<StatementOutcome> outcomes = new ArrayList<>();
        for (int i = 1; i <= parsed.size(); i++) {
            SQLStatement ast = parsed.get(i - 1);
            Kind kind = ast == null ? null : DmlChange.isDml(ast) ? Kind.DML : Kind.DDL;
            outcomes.add(i == index
                    ? new StatementOutcome(i, kind, Status.FAILED, -1, "statement " + i + " refused, nothing ran: " + reason)
                    : new StatementOutcome(i, kind, Status.NOT_RUN, -1, null));
        }
        return new ExecutionReport(ticketId, database, outcomes);
    }

    private Connection connect(String database) throws SQLException {
        MysqlCoordinates coordinates = new MysqlCoordinates(target.host(), target.port(), target.user(),
                target.password(), database);
        Properties props = MysqlConnections.properties(coordinates, settings.connectTimeout(), settings.socketTimeout());
        // values are read back as the server wrote them, so before-images round-trip exactly
        props.setProperty("tinyInt1isBit", "false");
        props.setProperty("yearIsDateType", "false");
        // UPDATE reports matched rows, which DmlChange compares with the before-images it captured
        props.setProperty("useAffectedRows", "false");
        props.setProperty("characterEncoding", "UTF-8");
        try {
            return DriverManager.getConnection(MysqlConnections.url(coordinates), props);
        } catch (SQLException e) {
            throw new TicketExecutionException("cannot connect to " + coordinates + ": " + e.getMessage(), e);
        }
    }

    private void lock(Connection c, String database) throws SQLException {
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
    private void lockRun(Connection c, String ticketId) throws SQLException {
        String name = runLockName(ticketId);
        String holder = getLock(c, name);
        if (holder != null) {
            throw new TicketStillRunningException("ticket " + ticketId + " is still executing on " + target
                    + " (lock '" + name + "' held by connection " + holder + " for longer than "
                    + settings.lockWait() + "); nothing was run by this attempt, which will be retried");
        }
    }

    /** What a run does as it ends, before its connection closes; throws nothing. */
    private interface RunEnds extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Gives up the ticket's run lock as the run ends (after its outcome is recorded), so that the next run of the
     * ticket finds it free at once. Left to the connection's close, the server frees it only once it has processed the
     * disconnect, and a run right after could beat that and stop as "still executing" (seen with a lock wait of
     * zero). A run that never got the lock releases nothing: the lock is another connection's.
     */
    private static void releaseRun(Connection c, String ticketId) {
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

    /**
     * The lock a run of the ticket holds on its target while it executes or rolls back ({@code tollgate-run:<id>}):
     * {@code SELECT IS_USED_LOCK('tollgate-run:T-...')} tells which connection runs it.
     */
    public static String runLockName(String ticketId) {
        String name = "tollgate-run:" + ticketId;
        return name.length() <= 64 ? name : lockName("run:" + ticketId);
    }

    private static void unlock(Connection c, String database) {
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
    static String lockName(String database) {
        return NamedLocks.name("tollgate:", database);
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

    /** Rollback SQL escapes line breaks with backslashes, so replay it with backslash escapes on. */
    private static void withBackslashEscapes(Connection c) throws SQLException {
        String mode;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.sql_mode")) {
            rs.next();
            mode = rs.getString(1);
        }
        if (mode != null && mode.toUpperCase().contains("NO_BACKSLASH_ESCAPES")) {
            try (PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
                ps.setString(1, Arrays.stream(mode.split(","))
                        .filter(m -> !m.equalsIgnoreCase("NO_BACKSLASH_ESCAPES")).collect(Collectors.joining(",")));
                ps.execute();
            }
        }
    }
}
