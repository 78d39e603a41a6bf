package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlCoordinates;
import io.tollgate.integrations.mysql.execution.ExecutionSettings;
import io.tollgate.integrations.mysql.execution.LedgerMismatchException;
import io.tollgate.integrations.mysql.execution.RecordedInverse;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.TicketExecutionException;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Phase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Reads what the ledger records of a ticket: its done and undone statements, its recorded inverses by the page. */
public final class LedgerReads {

    private final MysqlCoordinates target;
    private final ExecutionSettings settings;
    private final ExecutionLedger ledger;
    private final TargetConnections connections;
    private final KnownLedgers ledgers;

    public LedgerReads(MysqlCoordinates target, ExecutionSettings settings, ExecutionLedger ledger,
                TargetConnections connections, KnownLedgers ledgers) {
        this.target = target;
        this.settings = settings;
        this.ledger = ledger;
        this.connections = connections;
        this.ledgers = ledgers;
    }

    /** {@code MysqlTicketExecutor.done(ticketId)}. */
    public List<StatementOutcome> done(String ticketId) {
        try (Connection c = connections.connect(null)) {
            ledgers.ensureLedger(c);
            return ledger.done(c, ticketId, settings.ledgerPage());
        } catch (SQLException e) {
            throw ledgers.forgetLedger(new TicketExecutionException("ledger of ticket " + ticketId + " on " + target
                    + " cannot be read: " + e.getMessage(), e));
        }
    }

    /** {@code MysqlTicketExecutor.undone(ticketId)}. */
    public List<StatementOutcome> undone(String ticketId) {
        try (Connection c = connections.connect(null)) {
            ledgers.ensureLedger(c);
            return ledger.done(c, ticketId, Phase.ROLLBACK, settings.ledgerPage());
        } catch (SQLException e) {
            throw ledgers.forgetLedger(new TicketExecutionException("ledger of ticket " + ticketId + " on " + target
                    + " cannot be read: " + e.getMessage(), e));
        }
    }

    /** {@code MysqlTicketExecutor.recordedRollback(ticketId, pages)}. */
    public int recordedRollback(String ticketId, Consumer<List<RecordedInverse>> pages) {
        try (Connection c = connections.connect(null)) {
            ledgers.ensureLedger(c);
            return recordedRollback(c, ticketId, pages);
        } catch (SQLException e) {
            throw rollbackSqlUnreadable(ticketId, e);
        }
    }

    /** {@link #recordedRollback(String, Consumer)} on a connection already open, with the ledger in place. */
    public int recordedRollback(Connection c, String ticketId, Consumer<List<RecordedInverse>> pages) {
        Objects.requireNonNull(pages, "pages");
        try {
            int[] count = {0};
            List<RecordedInverse> page = new ArrayList<>();
            ledger.forEachDone(c, ticketId, settings.ledgerPage(), true, undo -> {
                if (undo.executed().seal() == ExecutionLedger.Seal.BROKEN) {
                    // Tollgate's copy is what a rollback is checked against: never copy a row changed on the target
                    // (an unsealed one, from before seals, is one a run took because Tollgate had recorded it)
                    throw new LedgerMismatchException("the rollback SQL of ticket " + ticketId + " was not copied:"
                            + " statement " + undo.executed().index() + "'s row in the ledger on the target does not"
                            + " carry Tollgate's seal (it " + undo.executed().seal().says() + "); a DBA must find out who changed the"
                            + " ledger");
                }
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
        return ledgers.forgetLedger(new TicketExecutionException("rollback SQL of ticket " + ticketId + " on " + target
                + " cannot be read: " + e.getMessage(), e));
    }
}
