package io.tollgate.integrations.mysql.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The execution ledger on the target: one row per (ticket, phase, statement). It is written on the connection
 * that runs the statements, so a DML statement and its row commit or roll back together.
 */
final class ExecutionLedger {

    enum Phase { EXECUTE, ROLLBACK }

    enum State { STARTED, DONE, FAILED }

    record Entry(int index, String database, StatementOutcome.Kind kind, State state, Instant startedAt,
                 long affectedRows, String error, String rollbackSql, String sql) {
    }

    private final String table;
    private final String schema;

    ExecutionLedger(String schema) {
        this.schema = schema;
        this.table = "`" + schema + "`.`tollgate_execution_ledger`";
    }

    /** Creates the ledger schema and table if missing; DDL, so call it outside a ticket's transactions. */
    void ensureExists(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + schema + "`");
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + " ticket_id VARCHAR(128) NOT NULL,"
                    + " phase VARCHAR(16) NOT NULL,"
                    + " statement_index INT NOT NULL,"
                    + " target_database VARCHAR(64) NOT NULL,"
                    + " kind VARCHAR(8) NOT NULL,"
                    + " state VARCHAR(16) NOT NULL,"
                    + " statement_sql MEDIUMTEXT,"
                    + " started_at DATETIME(6) NOT NULL,"
                    + " finished_at DATETIME(6) NULL,"
                    + " affected_rows BIGINT NULL,"
                    + " error TEXT NULL,"
                    + " rollback_sql MEDIUMTEXT NULL,"
                    + " PRIMARY KEY (ticket_id, phase, statement_index)"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
    }

    /** The ticket's statements recorded by execute, in statement order. */
    List<Entry> executed(Connection c, String ticketId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_index, target_database, kind, state, started_at,"
                + " affected_rows, error, rollback_sql, statement_sql FROM " + table
                + " WHERE ticket_id = ? AND phase = ? ORDER BY statement_index")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.EXECUTE.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs));
                }
            }
        }
        return entries;
    }

    /**
     * A statement the execution completed, with what the ledger records of its rollback so far ({@code undone}, null
     * when its rollback has not begun).
     */
    record Undo(Entry executed, Entry undone) {
    }

    /**
     * One page of the ticket's completed statements in rollback order (from the last back): at most {@code limit} of
     * those below statement {@code below}, each with its rollback row. Keyset paging on the primary key, so a page
     * costs the same wherever it is; {@code withSql} false leaves the inverses out (null) for callers that only need
     * the statements.
     */
    List<Undo> donePage(Connection c, String ticketId, int below, int limit, boolean withSql) throws SQLException {
        List<Undo> page = new ArrayList<>(Math.min(limit, 1024));
        try (PreparedStatement ps = c.prepareStatement("SELECT e.statement_index, e.target_database, e.kind, e.state,"
                + " e.started_at, e.affected_rows, e.error, " + (withSql ? "e.rollback_sql" : "NULL") + ","
                + " r.state, r.started_at, r.affected_rows, r.error"
                + " FROM " + table + " e LEFT JOIN " + table + " r ON r.ticket_id = e.ticket_id AND r.phase = ?"
                + " AND r.statement_index = e.statement_index"
                + " WHERE e.ticket_id = ? AND e.phase = ? AND e.state = ? AND e.statement_index < ?"
                + " ORDER BY e.statement_index DESC LIMIT ?")) {
            ps.setString(1, Phase.ROLLBACK.name());
            ps.setString(2, ticketId);
            ps.setString(3, Phase.EXECUTE.name());
            ps.setString(4, State.DONE.name());
            ps.setInt(5, below);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1);
                    StatementOutcome.Kind kind = StatementOutcome.Kind.valueOf(rs.getString(3));
                    long affected = rs.getLong(6);
                    if (rs.wasNull()) {
                        affected = -1;
                    }
                    Entry executed = new Entry(index, rs.getString(2), kind, State.valueOf(rs.getString(4)),
                            rs.getTimestamp(5).toInstant(), affected, rs.getString(7), rs.getString(8), null);
                    Entry undone = null;
                    String undoneState = rs.getString(9);
                    if (undoneState != null) {
                        long undoneAffected = rs.getLong(11);
                        if (rs.wasNull()) {
                            undoneAffected = -1;
                        }
                        undone = new Entry(index, executed.database(), kind, State.valueOf(undoneState),
                                rs.getTimestamp(10).toInstant(), undoneAffected, rs.getString(12), null, null);
                    }
                    page.add(new Undo(executed, undone));
                }
            }
        }
        return page;
    }

    /** What a caller does with each completed statement; false to stop reading. */
    interface UndoVisitor {
        boolean visit(Undo undo) throws SQLException;
    }

    /**
     * Reads the ticket's completed statements in rollback order, {@code page} at a time, until {@code visitor}
     * says stop: at most one page is held at once.
     */
    void forEachDone(Connection c, String ticketId, int page, boolean withSql, UndoVisitor visitor)
            throws SQLException {
        int below = Integer.MAX_VALUE;
        while (true) {
            List<Undo> undos = donePage(c, ticketId, below, page, withSql);
            for (Undo undo : undos) {
                if (!visitor.visit(undo)) {
                    return;
                }
            }
            if (undos.size() < page) {
                return;
            }
            below = undos.get(undos.size() - 1).executed().index();
        }
    }

    /** The first statement of the ticket's execution left STARTED (a DDL of unknown outcome), or null. */
    Entry firstInFlight(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_index, target_database, kind, state, started_at,"
                + " affected_rows, error, NULL AS rollback_sql, NULL AS statement_sql FROM " + table
                + " WHERE ticket_id = ? AND phase = ? AND state = ? ORDER BY statement_index LIMIT 1")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.EXECUTE.name());
            ps.setString(3, State.STARTED.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? entry(rs) : null;
            }
        }
    }

    /** The database the ticket's execution ran on (that of its first completed statement), or null. */
    String doneDatabase(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT target_database FROM " + table
                + " WHERE ticket_id = ? AND phase = ? AND state = ? ORDER BY statement_index LIMIT 1")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.EXECUTE.name());
            ps.setString(3, State.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The ticket's executed statements recorded DONE, in statement order, without their SQL. */
    List<StatementOutcome> done(Connection c, String ticketId) throws SQLException {
        return done(c, ticketId, Phase.EXECUTE);
    }

    /** The ticket's statements recorded DONE in {@code phase}, in statement order, without their SQL. */
    List<StatementOutcome> done(Connection c, String ticketId, Phase phase) throws SQLException {
        List<StatementOutcome> done = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_index, kind, affected_rows FROM " + table
                + " WHERE ticket_id = ? AND phase = ? AND state = ? ORDER BY statement_index")) {
            ps.setString(1, ticketId);
            ps.setString(2, phase.name());
            ps.setString(3, State.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long affected = rs.getLong(3);
                    done.add(new StatementOutcome(rs.getInt(1), StatementOutcome.Kind.valueOf(rs.getString(2)),
                            StatementOutcome.Status.ALREADY_DONE, rs.wasNull() ? -1 : affected, null));
                }
            }
        }
        return done;
    }

    /** How many of the ticket's statements are recorded DONE in {@code phase}. */
    int countDone(Connection c, String ticketId, Phase phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table
                + " WHERE ticket_id = ? AND phase = ? AND state = ?")) {
            ps.setString(1, ticketId);
            ps.setString(2, phase.name());
            ps.setString(3, State.DONE.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Whether a rollback of the ticket has begun (any rollback row, whatever its state). */
    boolean rollbackBegun(Connection c, String ticketId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + table
                + " WHERE ticket_id = ? AND phase = ? LIMIT 1")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.ROLLBACK.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** One ledger row to write; {@code finishedAt} is null while the statement is STARTED. */
    record Row(String ticketId, Phase phase, int index, String database, StatementOutcome.Kind kind, State state,
               String sql, Instant startedAt, Instant finishedAt, Long affectedRows, String error, String rollbackSql) {
    }

    void record(Connection c, String ticketId, Phase phase, int index, String database, StatementOutcome.Kind kind,
                State state, String sql, Instant startedAt, Long affectedRows, String error, String rollbackSql)
            throws SQLException {
        recordAll(c, List.of(new Row(ticketId, phase, index, database, kind, state, sql, startedAt,
                state == State.STARTED ? null : Instant.now(), affectedRows, error, rollbackSql)));
    }

    /** Writes (or replaces) the rows in one statement, on the caller's transaction. */
    void recordAll(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (ticket_id, phase, statement_index,"
                + " target_database, kind, state, statement_sql, started_at, finished_at, affected_rows, error, rollback_sql)"
                + " VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE state = VALUES(state),"
                + " statement_sql = VALUES(statement_sql), started_at = VALUES(started_at),"
                + " finished_at = VALUES(finished_at), affected_rows = VALUES(affected_rows), error = VALUES(error),"
                + " rollback_sql = VALUES(rollback_sql)");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 0;
            for (Row row : rows) {
                ps.setString(++p, row.ticketId());
                ps.setString(++p, row.phase().name());
                ps.setInt(++p, row.index());
                ps.setString(++p, row.database());
                ps.setString(++p, row.kind().name());
                ps.setString(++p, row.state().name());
                ps.setString(++p, row.sql());
                ps.setTimestamp(++p, Timestamp.from(row.startedAt()));
                ps.setTimestamp(++p, row.finishedAt() == null ? null : Timestamp.from(row.finishedAt()));
                if (row.affectedRows() == null) {
                    ps.setNull(++p, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(++p, row.affectedRows());
                }
                ps.setString(++p, row.error());
                ps.setString(++p, row.rollbackSql());
            }
            ps.executeUpdate();
        }
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        long affected = rs.getLong("affected_rows");
        if (rs.wasNull()) {
            affected = -1;
        }
        return new Entry(rs.getInt("statement_index"), rs.getString("target_database"),
                StatementOutcome.Kind.valueOf(rs.getString("kind")), State.valueOf(rs.getString("state")),
                rs.getTimestamp("started_at").toInstant(), affected, rs.getString("error"), rs.getString("rollback_sql"),
                rs.getString("statement_sql"));
    }
}
