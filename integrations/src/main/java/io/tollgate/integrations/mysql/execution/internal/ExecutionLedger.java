package io.tollgate.integrations.mysql.execution.internal;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.conf.PropertyKey;
import io.tollgate.integrations.mysql.execution.LedgerSeal;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.StatementSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The execution ledger on the target: one row per (ticket, phase, statement). It is written on the connection
 * that runs the statements, so a DML statement and its row commit or roll back together. Each row carries
 * {@link LedgerSeal}'s seal, and each row read says whether its seal holds ({@link Seal}).
 */
public final class ExecutionLedger {

    enum Phase { EXECUTE, ROLLBACK }

    enum State { STARTED, DONE, FAILED }

    /**
     * Whether a row read carries Tollgate's seal: {@code VALID}; {@code MISSING} (written before rows were sealed, or
     * by someone who left it out); {@code BROKEN} (a seal that does not match the row: changed or written by someone
     * else); {@code UNCHECKED} (read without its inverse, so its seal could not be checked).
     */
    enum Seal {
        VALID, MISSING, BROKEN, UNCHECKED;

        /** How a refusal says what is wrong with a row's seal: "its seal ..." */
        String says() {
            return this == MISSING ? "is missing" : this == BROKEN ? "does not match the row" : "was not checked";
        }
    }

    /**
     * A ledger row's two texts as the driver sends them, in bytes: each character's UTF-8 bytes, and one more for each
     * one it escapes in a client-side prepared statement (NUL, line feed, carriage return, backslash, both quotes,
     * Ctrl-Z). A rollback SQL full of them can double on its way.
     */
    record RowSize(long statement, long rollback, long rollbackStored) {

        static RowSize of(String statementSql, String rollbackSql) {
            return rollbackSql == null ? new RowSize(sent(statementSql, true), 0, 0)
                    : new RowSize(sent(statementSql, true), sent(rollbackSql, true), sent(rollbackSql, false));
        }

        long total() {
            return statement + rollback;
        }

        /** The text's UTF-8 bytes, and with {@code escaped} one more for each character the driver escapes. */
        private static long sent(String text, boolean escaped) {
            long bytes = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch < 0x80) {
                    bytes += !escaped ? 1 : switch (ch) {
                        case 0, '\n', '\r', '\\', '\'', '"', '\032' -> 2;
                        default -> 1;
                    };
                } else if (ch < 0x800) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(ch) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else {
                    bytes += 3;
                }
            }
            return bytes;
        }
    }

    /**
     * Why one statement's row could not be recorded, or empty when it can: its rollback SQL beyond what the column
     * holds, the row, as sent, beyond the largest packet the target takes ({@code max_allowed_packet}, as the
     * driver read it), or the rollback SQL beyond the largest packet Tollgate's own database takes
     * ({@code recordPacket}, 0 for none), where it is copied after the run. Asked before the row is written, while the
     * statement can still be undone with its transaction.
     */
    static Optional<String> tooLarge(Connection c, RowSize size, long recordPacket, long rows) {
        String split = rows > 1 ? "split it into statements over key ranges, each with fewer rows"
                : "one row's before-image is that large, so no split makes it smaller: Tollgate cannot keep a"
                + " rollback for this row and does not change it (a DBA changes such a row outside Tollgate)";
        long packet = maxPacket(c);
        long statement = size.statement();
        long rollback = size.rollback();
        if (size.rollbackStored() > ROLLBACK_COLUMN_BYTES) {
            return Optional.of(String.format(Locale.ROOT, "its rollback SQL would be %.1f MB, more than the execution"
                    + " ledger records for one statement (%.1f MB: its column's size); %s", size.rollbackStored() / 1e6,
                    ROLLBACK_COLUMN_BYTES / 1e6, split));
        }
        if (statement + rollback + ROW_MARGIN > packet) {
            long room = packet - ROW_MARGIN - statement;
            return Optional.of(String.format(Locale.ROOT, "its rollback SQL would be %.1f MB as sent, more than the"
                    + " execution ledger records for one statement (%.1f MB: the target's max_allowed_packet of %d"
                    + " bytes, less the statement); %s", rollback / 1e6, Math.max(0, room) / 1e6, packet, split));
        }
        // Tollgate keeps its own copy of each statement's rollback SQL, in a row of its own database
        if (recordPacket > 0 && rollback + ROW_MARGIN > recordPacket) {
            return Optional.of(String.format(Locale.ROOT, "its rollback SQL would be %.1f MB as sent, more than"
                    + " Tollgate's own database takes in one write (%.1f MB: its max_allowed_packet of %d bytes);"
                    + " %s, or raise that database's max_allowed_packet", rollback / 1e6,
                    Math.max(0, recordPacket - ROW_MARGIN) / 1e6, recordPacket, split));
        }
        return Optional.empty();
    }

    /**
     * Whether a row of {@code size} still fits in one write with rows already waiting to be written that take
     * {@code waiting} bytes as sent (a group of statements committed together writes their rows in one INSERT).
     */
    static boolean fitsWith(Connection c, long waiting, RowSize size) {
        return waiting + size.total() + ROW_MARGIN <= maxPacket(c);
    }

    private static long maxPacket(Connection c) {
        try {
            return c.unwrap(MysqlConnection.class).getPropertySet()
                    .getIntegerProperty(PropertyKey.maxAllowedPacket).getValue();
        } catch (SQLException | RuntimeException e) {
            return ROLLBACK_COLUMN_BYTES; // not Connector/J: the server's own limit answers
        }
    }

    /**
     * One ledger row as read; {@code left} is what a DDL statement left of what its inverse puts back (the columns'
     * definitions as the server printed them after it ran, {@link DdlConflicts#left}), null for other rows and rows
     * written before it was kept.
     */
    record Entry(int index, String database, StatementOutcome.Kind kind, State state, Instant startedAt,
                 long affectedRows, String error, String rollbackSql, String sql, Seal seal, String left) {
    }

    /** ER_DUP_FIELDNAME. */
    private static final int DUPLICATE_COLUMN = 1060;
    /** What a row's {@code rollback_sql} holds at most: a MEDIUMTEXT, in bytes. */
    static final long ROLLBACK_COLUMN_BYTES = StatementSupport.MAX_ROLLBACK_SQL_BYTES;
    /** Room in a row's write for the rest of it: its other columns and the INSERT around them. */
    private static final long ROW_MARGIN = 64 * 1024;

    private final String table;
    private final String schema;
    private final LedgerSeal seal;

    public ExecutionLedger(String schema, LedgerSeal seal) {
        this.schema = schema;
        this.table = "`" + schema + "`.`tollgate_execution_ledger`";
        this.seal = Objects.requireNonNull(seal, "seal");
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
                    + " seal CHAR(64) NULL,"
                    + " left_definition MEDIUMTEXT NULL,"
                    + " PRIMARY KEY (ticket_id, phase, statement_index)"
                    + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
        // a ledger created before rows were sealed gets the column; its rows stay unsealed (ADR 0045); one created
        // before DDL rows kept what they left gets that column, its rows without it (their rollback checks less)
        addIfMissing(c, "seal", "CHAR(64) NULL");
        addIfMissing(c, "left_definition", "MEDIUMTEXT NULL");
    }

    private void addIfMissing(Connection c, String column, String definition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_NAME = 'tollgate_execution_ledger' AND COLUMN_NAME = ?")) {
            ps.setString(1, schema);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition);
        } catch (SQLException e) {
            if (e.getErrorCode() != DUPLICATE_COLUMN) {
                throw e;
            }
            // another node added it first
        }
    }

    /** The ticket's statements recorded by execute, in statement order. */
    List<Entry> executed(Connection c, String ticketId) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT statement_index, target_database, kind, state, started_at,"
                + " affected_rows, error, rollback_sql, statement_sql, seal, left_definition FROM " + table
                + " WHERE ticket_id = ? AND phase = ? ORDER BY statement_index")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.EXECUTE.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(entry(rs, ticketId, Phase.EXECUTE, true));
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
                + " e.started_at, e.affected_rows, e.error, " + (withSql ? "e.rollback_sql" : "NULL") + ", e.seal,"
                + " r.state, r.started_at, r.affected_rows, r.error, r.target_database, r.kind, r.rollback_sql, r.seal, "
                + (withSql ? "e.left_definition" : "NULL")
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
                    String database = rs.getString(2);
                    State state = State.valueOf(rs.getString(4));
                    String inverse = rs.getString(8);
                    String left = rs.getString(18);
                    Seal executedSeal = withSql
                            ? seal(rs.getString(9), ticketId, Phase.EXECUTE, index, database, kind, state, affected,
                            inverse, left)
                            : Seal.UNCHECKED;
                    Entry executed = new Entry(index, database, kind, state, rs.getTimestamp(5).toInstant(), affected,
                            rs.getString(7), inverse, null, executedSeal, left);
                    Entry undone = null;
                    String undoneState = rs.getString(10);
                    if (undoneState != null) {
                        long undoneAffected = rs.getLong(12);
                        if (rs.wasNull()) {
                            undoneAffected = -1;
                        }
                        String undoneKind = rs.getString(15);
                        StatementOutcome.Kind rollbackKind = undoneKind == null ? kind
                                : StatementOutcome.Kind.valueOf(undoneKind);
                        State rollbackState = State.valueOf(undoneState);
                        String rollbackDatabase = rs.getString(14);
                        undone = new Entry(index, rollbackDatabase, rollbackKind, rollbackState,
                                rs.getTimestamp(11).toInstant(), undoneAffected, rs.getString(13), null, null,
                                seal(rs.getString(17), ticketId, Phase.ROLLBACK, index, rollbackDatabase,
                                        rollbackKind, rollbackState, undoneAffected, rs.getString(16), null), null);
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
                + " affected_rows, error, NULL AS rollback_sql, NULL AS statement_sql, NULL AS seal,"
                + " NULL AS left_definition FROM " + table
                + " WHERE ticket_id = ? AND phase = ? AND state = ? ORDER BY statement_index LIMIT 1")) {
            ps.setString(1, ticketId);
            ps.setString(2, Phase.EXECUTE.name());
            ps.setString(3, State.STARTED.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? entry(rs, ticketId, Phase.EXECUTE, false) : null;
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

    /**
     * The ticket's executed statements recorded DONE under Tollgate's seal, in statement order, without their SQL; a
     * row without the seal is left out, as if the statement had not run (a run then finds it and stops).
     */
    List<StatementOutcome> done(Connection c, String ticketId, int page) throws SQLException {
        return done(c, ticketId, Phase.EXECUTE, page);
    }

    /**
     * The ticket's statements recorded DONE in {@code phase} under Tollgate's seal, in statement order, without their
     * SQL; read {@code page} rows at a time (the seals are checked against the inverses, which are not kept).
     */
    List<StatementOutcome> done(Connection c, String ticketId, Phase phase, int page) throws SQLException {
        List<StatementOutcome> done = new ArrayList<>();
        forEachDone(c, ticketId, page, true, undo -> {
            Entry e = phase == Phase.EXECUTE ? undo.executed() : undo.undone();
            if (e != null && e.state() == State.DONE && e.seal() == Seal.VALID) {
                done.add(new StatementOutcome(e.index(), e.kind(), StatementOutcome.Status.ALREADY_DONE,
                        e.affectedRows(), null));
            }
            return true;
        });
        java.util.Collections.reverse(done);
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

    /**
     * One ledger row to write; {@code finishedAt} is null while the statement is STARTED; {@code left} as in
     * {@link Entry}.
     */
    record Row(String ticketId, Phase phase, int index, String database, StatementOutcome.Kind kind, State state,
               String sql, Instant startedAt, Instant finishedAt, Long affectedRows, String error, String rollbackSql,
               String left) {
    }

    void record(Connection c, String ticketId, Phase phase, int index, String database, StatementOutcome.Kind kind,
                State state, String sql, Instant startedAt, Long affectedRows, String error, String rollbackSql)
            throws SQLException {
        record(c, ticketId, phase, index, database, kind, state, sql, startedAt, affectedRows, error, rollbackSql, null);
    }

    void record(Connection c, String ticketId, Phase phase, int index, String database, StatementOutcome.Kind kind,
                State state, String sql, Instant startedAt, Long affectedRows, String error, String rollbackSql,
                String left) throws SQLException {
        recordAll(c, List.of(new Row(ticketId, phase, index, database, kind, state, sql, startedAt,
                state == State.STARTED ? null : Instant.now(), affectedRows, error, rollbackSql, left)));
    }

    /** Writes (or replaces) the rows in one statement, on the caller's transaction. */
    void recordAll(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (ticket_id, phase, statement_index,"
                + " target_database, kind, state, statement_sql, started_at, finished_at, affected_rows, error, rollback_sql,"
                + " seal, left_definition) VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" ON DUPLICATE KEY UPDATE target_database = VALUES(target_database), kind = VALUES(kind),"
                + " state = VALUES(state), statement_sql = VALUES(statement_sql), started_at = VALUES(started_at),"
                + " finished_at = VALUES(finished_at), affected_rows = VALUES(affected_rows), error = VALUES(error),"
                + " rollback_sql = VALUES(rollback_sql), seal = VALUES(seal), left_definition = VALUES(left_definition)");
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
                ps.setString(++p, seal.seal(sealed(row.ticketId(), row.phase(), row.index(), row.database(),
                        row.kind(), row.state(), row.affectedRows() == null ? -1 : row.affectedRows(),
                        row.rollbackSql(), row.left())));
                ps.setString(++p, row.left());
            }
            ps.executeUpdate();
        }
    }

    private Entry entry(ResultSet rs, String ticketId, Phase phase, boolean checkSeal) throws SQLException {
        long affected = rs.getLong("affected_rows");
        if (rs.wasNull()) {
            affected = -1;
        }
        int index = rs.getInt("statement_index");
        String database = rs.getString("target_database");
        StatementOutcome.Kind kind = StatementOutcome.Kind.valueOf(rs.getString("kind"));
        State state = State.valueOf(rs.getString("state"));
        String inverse = rs.getString("rollback_sql");
        String left = rs.getString("left_definition");
        return new Entry(index, database, kind, state, rs.getTimestamp("started_at").toInstant(), affected,
                rs.getString("error"), inverse, rs.getString("statement_sql"), checkSeal
                ? seal(rs.getString("seal"), ticketId, phase, index, database, kind, state, affected, inverse, left)
                : Seal.UNCHECKED, left);
    }

    private Seal seal(String given, String ticketId, Phase phase, int index, String database,
                      StatementOutcome.Kind kind, State state, long affected, String inverse, String left) {
        if (given == null) {
            return Seal.MISSING;
        }
        return seal.verifies(given, sealed(ticketId, phase, index, database, kind, state, affected, inverse, left))
                ? Seal.VALID : Seal.BROKEN;
    }

    /**
     * What a row's seal covers (ADR 0045): all a run decides by, but the statement's text and the times; what a DDL
     * left only where it was kept, so rows sealed before keep their seal.
     */
    private static List<String> sealed(String ticketId, Phase phase, int index, String database,
                                       StatementOutcome.Kind kind, State state, long affected, String inverse,
                                       String left) {
        List<String> fields = java.util.Arrays.asList(ticketId, phase.name(), Integer.toString(index), database,
                kind == null ? null : kind.name(), state.name(), Long.toString(affected < 0 ? -1 : affected), inverse);
        if (left == null) {
            return fields;
        }
        List<String> withLeft = new ArrayList<>(fields);
        withLeft.add(left);
        return withLeft;
    }
}
