package io.tollgate.integrations.mysql.execution;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.internal.DdlRun;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger;
import io.tollgate.integrations.mysql.execution.internal.KnownLedgers;
import io.tollgate.integrations.mysql.execution.internal.LedgerReads;
import io.tollgate.integrations.mysql.execution.internal.OnlineAlter;
import io.tollgate.integrations.mysql.execution.internal.RunLocks;
import io.tollgate.integrations.mysql.execution.internal.RunStops;
import io.tollgate.integrations.mysql.execution.internal.StatementPlan;
import io.tollgate.integrations.mysql.execution.internal.StatementRun;
import io.tollgate.integrations.mysql.execution.internal.TargetConnections;
import io.tollgate.integrations.mysql.execution.internal.TicketRollback;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Executes a ticket's statements on one target exactly once and rolls them back, keeping the execution ledger
 * on the target (see the package documentation). Stateless apart from its configuration and the ledgers this JVM
 * knows exist (shared by all executors, thread-safe); safe to share.
 *
 * <p>A façade over the classes that do each job: {@link StatementPlan} parses and refuses, {@link RunLocks} takes
 * the named locks, {@link StatementRun} executes, {@link TicketRollback} rolls back and {@link LedgerReads} reads
 * the ledger.
 */
public final class MysqlTicketExecutor {

    private final MysqlCoordinates target;
    private final TargetConnections connections;
    private final KnownLedgers ledgers;
    private final RunLocks locks;
    private final StatementRun run;
    private final TicketRollback ticketRollback;
    private final LedgerReads reads;
    private final StatementSupport.Ledger protectedSchemas;

    /** An executor sealing its ledger rows with {@link LedgerSeal#ephemeral()}: for tools and tests in one JVM. */
    public MysqlTicketExecutor(MysqlCoordinates target, ExecutionSettings settings) {
        this(target, settings, LedgerSeal.ephemeral());
    }

    /** An executor sealing its ledger rows, and checking the rows it reads, with {@code seal} (ADR 0045). */
    public MysqlTicketExecutor(MysqlCoordinates target, ExecutionSettings settings, LedgerSeal seal) {
        this.target = Objects.requireNonNull(target, "target");
        Objects.requireNonNull(settings, "settings");
        this.protectedSchemas = settings.protectedSchemas();
        ExecutionLedger ledger = new ExecutionLedger(settings.ledgerSchema(), seal);
        OnlineAlter online = new OnlineAlter(target, settings);
        this.connections = new TargetConnections(target, settings);
        this.ledgers = new KnownLedgers(ledger, KnownLedgers.ledgerKey(target, settings));
        this.locks = new RunLocks(target, settings, connections);
        RunStops stops = new RunStops(ledger);
        DdlRun ddl = new DdlRun(settings, ledger, online, stops);
        this.run = new StatementRun(ledger, ledgers, locks, ddl, stops, settings.maxRowsPerStatement(),
                settings.recordPacket());
        this.ticketRollback = new TicketRollback(target, settings, ledger, connections, ledgers, locks, ddl, stops);
        this.reads = new LedgerReads(target, settings, ledger, connections, ledgers);
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
        return execute(ticketId, database, statements, progress, 0, finish);
    }

    /**
     * {@link #execute(String, String, List, ExecutionProgress, Finish)} for a ticket whose first {@code recordedDone}
     * statements Tollgate recorded as executed: the ledger must record them DONE, or the run is refused with a
     * {@link LedgerMismatchException} before anything runs (ADR 0044), never running one of them again.
     */
    public <T> T execute(String ticketId, String database, List<String> statements, ExecutionProgress progress,
                         int recordedDone, Finish<T> finish) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(finish, "finish");
        StatementPlan plan = StatementPlan.of(statements, database, protectedSchemas);
        if (plan.refusal() != null) {
            // nothing connected: an earlier run's inverses, if any, are read on a connection of their own
            return finish.finished(plan.refused(ticketId, database),
                    pages -> recordedRollback(ticketId, pages));
        }
        try (Connection c = connections.connect(database);
             RunLocks.RunEnds runEnds = () -> RunLocks.releaseRun(c, ticketId)) {
            ExecutionReport report = run.run(c, ticketId, database, statements, plan.parsed(), progress,
                    recordedDone);
            // the run's transactions are over: each page is read in autocommit, holding no snapshot open meanwhile
            c.setAutoCommit(true);
            return finish.finished(report, pages -> reads.recordedRollback(c, ticketId, pages::accept));
        } catch (SQLException e) {
            throw ledgers.forgetLedger(new TicketExecutionException("ticket " + ticketId + " on " + target + "/"
                    + database + ": the target failed outside a statement: " + e.getMessage(), e));
        }
    }

    /**
     * Whether a run of the ticket (execute or rollback) holds its lock on the target now, on any node: a run whose
     * node died has lost it, because the target ends a dead client's connection and with it the lock.
     */
    public boolean running(String ticketId) {
        return locks.running(ticketId);
    }

    /**
     * The statements of the ticket the ledger records as done (committed), in order, as outcomes
     * {@link Status#ALREADY_DONE} with their affected rows: what an interrupted execution left done.
     */
    public List<StatementOutcome> done(String ticketId) {
        return reads.done(ticketId);
    }

    /**
     * The statements of the ticket whose rollback the ledger records as done (committed), in statement order (a
     * rollback undoes them from the last one back), as outcomes {@link Status#ALREADY_DONE}: what an interrupted
     * rollback had already restored.
     */
    public List<StatementOutcome> undone(String ticketId) {
        return reads.undone(ticketId);
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
        return reads.recordedRollback(ticketId, pages::accept);
    }

    /** {@link #rollback(String, ConflictPolicy)} that stops at a row changed since execution ({@link ConflictPolicy#STOP}). */
    public ExecutionReport rollback(String ticketId) {
        return rollback(ticketId, ConflictPolicy.STOP);
    }

    /**
     * Runs the recorded rollback SQL of the ticket's completed statements in reverse order, each exactly once,
     * and stops at the first that fails or has no recorded inverse. Runs nothing while a DDL statement of the
     * ticket is in flight. Each row is restored only while it holds what the ticket left; with
     * {@link ConflictPolicy#STOP}, the rollback is first tried in a transaction that is then undone, up to its first
     * DDL inverse (DDL commits): if any row there changed since (a conflict), nothing is changed and the report lists
     * every conflicting row. A row behind a DDL inverse is checked when the rollback reaches it: what came before it
     * stays undone, the statement changes nothing, and the report lists that row as a conflict too.
     */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy) {
        return rollback(ticketId, policy, ExecutionProgress.NONE);
    }

    /**
     * {@link #rollback(String, ConflictPolicy)}, telling {@code progress} where the run starts: the step (in rollback
     * order, from 1) after those an earlier run already undid, out of the ticket's completed statements.
     */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy, ExecutionProgress progress) {
        return rollback(ticketId, policy, progress, InverseRecord.NONE);
    }

    /**
     * {@link #rollback(String, ConflictPolicy, ExecutionProgress)} that first checks every inverse still to run
     * against Tollgate's own {@code record} of it: an inverse changed on the target since (or taken away) stops the
     * rollback with a {@link TicketExecutionException} before anything runs, whatever the policy (ADR 0044).
     */
    public ExecutionReport rollback(String ticketId, ConflictPolicy policy, ExecutionProgress progress,
                                    InverseRecord record) {
        return ticketRollback.rollback(ticketId, policy, progress, record);
    }

    /**
     * The lock a run of the ticket holds on its target while it executes or rolls back ({@code tollgate-run:<id>}):
     * {@code SELECT IS_USED_LOCK('tollgate-run:T-...')} tells which connection runs it.
     */
    public static String runLockName(String ticketId) {
        return RunLocks.runLockName(ticketId);
    }
}
