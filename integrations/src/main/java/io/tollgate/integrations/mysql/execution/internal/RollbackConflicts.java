package io.tollgate.integrations.mysql.execution.internal;

import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlTriggers;
import io.tollgate.integrations.mysql.PerTable;
import io.tollgate.integrations.mysql.execution.ExecutionReport;
import io.tollgate.integrations.mysql.execution.RowConflict;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Kind;
import io.tollgate.integrations.mysql.execution.StatementOutcome.Status;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.Entry;
import io.tollgate.integrations.mysql.execution.internal.ExecutionLedger.State;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the rows a rollback would overwrite although they changed since the ticket executed (ADR 0013), before the
 * rollback writes anything: every DML inverse still to run is tried, in rollback order, in one transaction on the
 * target that is then undone. The ledger is read a page at a time (ADR 0023), so the check holds one page of inverses
 * and at most {@link #MAX_LISTED} conflicts, whatever the ticket's size; the transaction on the target spans all
 * pages, so a row the ticket changed twice is still checked exactly.
 */
public final class RollbackConflicts {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RollbackConflicts.class);

    /** The most conflicting rows one report lists; the count says how many there are in all. */
    static final int MAX_LISTED = 1000;

    static final int DUPLICATE_KEY = 1062;

    /** How a conflict's reason begins when rows added since point at the row (ADR 0037). */
    private static final String REFERENCED = "rows added since point at it: the rollback ";
    /** How a conflict's reason begins when foreign keys the account cannot see may point at the row (ADR 0037). */
    private static final String UNSEEN_REFERENCE = "the rollback ";
    /** How a conflict's reason begins when the line would fire a trigger that changes other rows (ADR 0039). */
    private static final String TRIGGERED = "the rollback would fire ";
    /** A trigger body that assigns a column of the row: {@code SET NEW.x = ...}. */
    private static final java.util.regex.Pattern SETS_NEW = java.util.regex.Pattern.compile(
            "(?is)\\bSET\\s+NEW\\s*\\.");
    /**
     * How a conflict's reason begins when another row holds a value of a unique key the line would put back: a newer
     * row the rollback must not write, so no policy restores the line's row (held back).
     */
    static final String DUPLICATED = "another row holds a value of a unique key the rollback would put back";
    /**
     * How a conflict's reason begins when the server refuses the line itself: a foreign key that restricts, pointed at
     * since by a row the rollback would orphan; a CHECK or a trigger's SIGNAL added since; a value that no longer fits
     * its column. Forcing it would only fail again, half way, so no policy runs it (held back).
     */
    static final String REFUSED = "the server refuses to put it back";
    /** How a conflict's reason begins when the line's table cannot undo a statement (MyISAM, say). */
    private static final String NOT_UNDOABLE = "the rollback would write ";

    private final ExecutionLedger ledger;
    private final int page;

    RollbackConflicts(ExecutionLedger ledger, int page) {
        this.ledger = ledger;
        this.page = page;
    }

    /**
     * The most conflicting rows a rollback that leaves them keeps track of ({@link Found#rows}): beyond, "roll back
     * the other rows only" is refused rather than hold them all.
     */
    static final int MAX_LEFT_ROWS = 200_000;

    /** A row as a rollback line names it: its table and key, the same for each statement's line of it. */
    static String identity(String table, String keyCondition) {
        return table + " WHERE " + keyCondition;
    }

    /** Conflicting rows a rollback found, the first {@link #MAX_LISTED} of them listed. */
    static final class Found {
        final List<RowConflict> listed = new ArrayList<>();
        /** Every conflicting row ({@link #identity}), up to {@link #MAX_LEFT_ROWS}: left whole by a DBA's choice. */
        final java.util.Set<String> rows = new java.util.HashSet<>();
        /** The rows of {@link #rows} that no policy restores (held back), Force included. */
        final java.util.Set<String> heldBackRows = new java.util.HashSet<>();
        int count;
        int firstStatement = -1;
        /** Some rows conflict because rows added since point at them, not because they changed. */
        boolean referenced;
        /** Some rows conflict because their line would fire a trigger that changes other rows. */
        boolean triggered;
        /** Some rows conflict because their table cannot undo a statement. */
        boolean notUndoable;
        /** Some rows conflict because another row holds a unique value they would take back. */
        boolean duplicated;
        /** Some rows conflict because the server refuses their line ({@link #REFUSED}). */
        boolean refused;
        /** Why a DDL inverse conflicts ({@link DdlConflicts}), null when none does. */
        String dropped;

        void add(RowConflict conflict) {
            count++;
            if (!conflict.key().isEmpty() && rows.size() < MAX_LEFT_ROWS) {
                rows.add(identity(conflict.table(), conflict.key()));
                if (conflict.heldBack()) {
                    heldBackRows.add(identity(conflict.table(), conflict.key()));
                }
            }
            if (conflict.key().isEmpty() && dropped == null) {
                dropped = conflict.reason();
            }
            referenced |= conflict.reason().startsWith(REFERENCED)
                    || conflict.reason().startsWith(UNSEEN_REFERENCE + MysqlForeignKeys.UNSEEN);
            triggered |= conflict.reason().startsWith(TRIGGERED);
            notUndoable |= conflict.reason().startsWith(NOT_UNDOABLE);
            duplicated |= conflict.reason().startsWith(DUPLICATED);
            refused |= conflict.reason().startsWith(REFUSED);
            if (firstStatement < 0) {
                firstStatement = conflict.statement();
            }
            if (listed.size() < MAX_LISTED) {
                listed.add(conflict);
            }
        }

        boolean isEmpty() {
            return count == 0;
        }

        /** More conflicting rows than {@link #rows} keeps. */
        boolean tooManyToLeave() {
            return rows.size() >= MAX_LEFT_ROWS;
        }
    }

    /**
     * Tries every DML inverse still to run, in rollback order and page by page, in one transaction, notes each row
     * whose guard no longer holds, and undoes it all. It stops at the first DDL inverse (DDL would commit), after
     * checking what that inverse would lose ({@link DdlConflicts}): rows and DDL behind it are checked when the
     * rollback reaches them.
     */
    Found dryRun(Connection c, String ticketId) throws SQLException {
        Found found = new Found();
        Map<String, List<String>> keys = new HashMap<>();
        HeldBack heldBack = new HeldBack();
        try {
            ledger.forEachDone(c, ticketId, page, true, undo -> {
                Entry e = undo.executed();
                if (undo.undone() != null && undo.undone().state() == State.DONE) {
                    return true;
                }
                if (e.kind() != Kind.DML || e.rollbackSql() == null) {
                    if (e.kind() == Kind.DDL && e.rollbackSql() != null) {
                        // read in this transaction: the ticket's later statements are undone in it (ADR 0043)
                        DdlConflicts.find(c, e.index(), e.rollbackSql(), e.left()).ifPresent(found::add);
                    }
                    return false;
                }
                for (String text : e.rollbackSql().split("\n")) {
                    if (!text.isBlank()) {
                        RowConflict conflict = tryLine(c, e.index(), RollbackLine.parse(text), keys, heldBack);
                        if (conflict != null) {
                            found.add(conflict);
                        }
                    }
                }
                return true;
            });
        } catch (SQLException | IllegalArgumentException unexpected) {
            // not a conflict: the real run meets it at its statement and fails there, as before
            LOG.debug("rollback dry run of {} stopped: {}", ticketId, unexpected.getMessage());
        } finally {
            c.rollback();
            resetSession(c);
        }
        return found;
    }

    /**
     * The report of a rollback that found conflicts and changed nothing: the first conflicting statement marked, every
     * completed statement listed (read again page by page, without its inverse).
     */
    ExecutionReport report(Connection c, String ticketId, String database, Found found) throws SQLException {
        List<StatementOutcome> outcomes = new ArrayList<>();
        ledger.forEachDone(c, ticketId, page, false, undo -> {
            Entry e = undo.executed();
            outcomes.add(e.index() == found.firstStatement
                    ? new StatementOutcome(e.index(), e.kind(), Status.CONFLICT, -1, (found.dropped != null
                    && found.count == 1 ? found.dropped : found.count + " row" + (found.count == 1 ? "" : "s")
                    + " changed since the ticket executed"
                    + (found.referenced ? " or pointed at by rows added since" : "")
                    + (found.triggered ? " or would fire a trigger that changes other rows" : "")
                    + (found.notUndoable ? " or in a table that cannot undo a statement" : "")
                    + (found.duplicated ? " or holding a unique value another row took since" : "")
                    + (found.refused ? " or refused by the server (a foreign key, CHECK or trigger)" : "")
                    + (found.dropped != null ? " or written to what its DDL would drop" : ""))
                    + "; the rollback changed nothing")
                    : new StatementOutcome(e.index(), e.kind(), Status.NOT_RUN, -1, null));
            return true;
        });
        c.commit();
        return new ExecutionReport(ticketId, database, outcomes, found.listed, found.count);
    }

    /**
     * Runs one guarded line; the conflict it meets, or null when it restored its row. A line that restores nothing
     * changed nothing, so the row is read for the report after it, only when it conflicts.
     */
    private static RowConflict tryLine(Connection c, int statement, RollbackLine line, Map<String, List<String>> keys,
                                       HeldBack heldBack) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (line.kind() == RollbackLine.Kind.SESSION) {
                s.execute(line.body());
                return null;
            }
            Optional<String> through = heldBack.reason(c, line);
            if (through.isPresent()) {
                List<String> primaryKey = primaryKey(c, line.table(), keys);
                return conflict(statement, line, primaryKey, probe(c, line, primaryKey), through.get());
            }
            long restored;
            HeldBack.Unseen unseen = heldBack.unseen(c, line);
            try {
                restored = s.executeLargeUpdate(line.body() + unseen.condition());
            } catch (SQLException e) {
                if (e.getErrorCode() == DUPLICATE_KEY) {
                    return duplicate(c, statement, line, primaryKey(c, line.table(), keys), e);
                }
                if (refusedByTheServer(e)) {
                    // the statement alone was undone by the server; the trial run goes on to the next line
                    List<String> primaryKey = primaryKey(c, line.table(), keys);
                    return conflict(statement, line, primaryKey, probe(c, line, primaryKey),
                            REFUSED + " (the server: " + e.getMessage() + ")");
                }
                throw e;
            }
            if (line.kind() == RollbackLine.Kind.INSERT || restored == 1) {
                return null;
            }
            List<String> primaryKey = primaryKey(c, line.table(), keys);
            List<String> now = probe(c, line, primaryKey);
            return conflict(statement, line, primaryKey, now, now == null ? "the row is gone"
                    : changedSince(c, line, unseen));
        }
    }

    /**
     * Why a line whose row is there did not restore it: "changed since", naming the columns added since when the row
     * is otherwise as the ticket left it.
     */
    static String changedSince(Connection c, RollbackLine line, HeldBack.Unseen unseen) throws SQLException {
        if (unseen.columns().isEmpty()) {
            return "changed since";
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM " + line.table()
                + " WHERE " + line.body().substring(line.body().indexOf(" WHERE ") + " WHERE ".length()))) {
            return rs.next() ? "changed since: columns added since the ticket ran ("
                    + String.join(", ", unseen.columns().stream().map(DmlChange::quote).toList())
                    + ") hold values other than their defaults, which the rollback's DELETE would take with the row"
                    : "changed since";
        }
    }

    /**
     * The conflict of a line the server refused as a duplicate key ({@code e}): an INSERT line whose row's own key a
     * row holds again (a newer row in its place, which Force may overwrite), or a line that would put back a value of
     * a unique key another row holds now (held back: no policy writes that row).
     */
    static RowConflict duplicate(Connection c, int statement, RollbackLine line, List<String> primaryKey,
                                 SQLException e) throws SQLException {
        List<String> now = probe(c, line, primaryKey);
        if (line.kind() == RollbackLine.Kind.INSERT && now != null) {
            return conflict(statement, line, primaryKey, now, "a row with this key was added since");
        }
        return conflict(statement, line, primaryKey, now, DUPLICATED + " (the server: " + e.getMessage() + ")");
    }

    /**
     * Whether the server refused the line for what the rows or the table now are, undoing that statement alone: an
     * integrity constraint (SQL state class 23: a foreign key, a CHECK, NOT NULL), data that no longer fits (22), or
     * a trigger's SIGNAL (45). A lost connection, a deadlock (which ends the transaction) or a missing privilege
     * stops the trial run instead, and the rollback with it.
     */
    static boolean refusedByTheServer(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("23") || state.startsWith("22") || state.startsWith("45"));
    }

    static RowConflict conflict(int statement, RollbackLine line, List<String> primaryKey, List<String> now,
                                String reason) {
        List<String> columns = line.probeColumns(primaryKey);
        List<RowConflict.Column> details = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if ("1".equals(column)) {
                continue;
            }
            String before = line.values().stream().filter(v -> v.column().equals(column)).map(RollbackLine.Part::sql)
                    .findFirst().orElse(null);
            String after = line.guards().stream().filter(g -> g.column().equals(column))
                    .map(RollbackLine.Part::literal).findFirst().orElse(null);
            details.add(new RowConflict.Column(unquote(column), before, after, now == null ? null : now.get(i)));
        }
        return new RowConflict(statement, line.table(), line.keyCondition(primaryKey), reason, details,
                reason.startsWith(REFERENCED) || reason.startsWith(UNSEEN_REFERENCE + MysqlForeignKeys.UNSEEN)
                        || reason.startsWith(TRIGGERED) || reason.startsWith(DUPLICATED)
                        || reason.startsWith(REFUSED));
    }

    /**
     * What the server would change beyond a rollback line's row, read once per table and transaction: rows pointing
     * at it through a foreign key ({@link #referenced}) and the table's triggers ({@link #triggered}). The table's
     * metadata lock is taken first ({@code SELECT 1 ... LIMIT 0} in the transaction), so no trigger can be added
     * until the transaction ends; {@link #forget} when it does.
     */
    public static final class HeldBack {
        private final PerTable<MysqlForeignKeys.Reference> references = MysqlForeignKeys.perTable();
        private final PerTable<MysqlTriggers.Trigger> triggers = MysqlTriggers.perTable();
        private final java.util.Set<String> locked = new java.util.HashSet<>();
        private final Map<String, Optional<String>> engines = new HashMap<>();

        /** Why the line may not run although its row may be as the ticket left it; empty when it may. */
        public Optional<String> reason(Connection c, RollbackLine line) throws SQLException {
            if (locked.add(line.table())) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1 FROM "
                        + line.table() + " LIMIT 0")) {
                    // the metadata lock is what counts
                }
            }
            // a table altered to MyISAM since: neither a trial run nor a failed line could be undone there
            Optional<String> engine = engines.get(line.table());
            if (engine == null) {
                List<String> parts = RollbackLine.split(line.table(), ".");
                engine = DmlChange.engineThatCannotUndo(c, unquote(parts.get(0)), unquote(parts.get(parts.size() - 1)));
                engines.put(line.table(), engine);
            }
            if (engine.isPresent()) {
                return Optional.of(NOT_UNDOABLE + line.table() + ", stored by " + engine.get() + ", which cannot undo a"
                        + " statement: a trial run would change it for good");
            }
            Optional<String> referenced = referenced(c, line, references);
            return referenced.isPresent() ? referenced : triggered(c, line, triggers);
        }

        /**
         * Whether the row an INSERT line restores may be given another key by a BEFORE INSERT trigger of its table
         * ({@code SET NEW.id = ...}): the caller then reads it back by its key.
         */
        public boolean mayMoveKey(Connection c, RollbackLine line) throws SQLException {
            if (line.kind() != RollbackLine.Kind.INSERT) {
                return false;
            }
            List<String> parts = RollbackLine.split(line.table(), ".");
            return triggers.of(c, unquote(parts.get(0)), unquote(parts.get(parts.size() - 1))).stream()
                    .anyMatch(t -> t.event() == MysqlTriggers.Event.INSERT && "BEFORE".equalsIgnoreCase(t.timing()));
        }

        /**
         * The BEFORE trigger of the line's table and event that sets columns of the row ({@code SET NEW.x = ...}),
         * if any: it runs again on the row the line restores, so those columns hold what it sets, not what the
         * before-image held (ADR 0039). Told on the statement's outcome, not refused.
         */
        public Optional<String> resettingTrigger(Connection c, RollbackLine line) throws SQLException {
            MysqlTriggers.Event event = switch (line.kind()) {
                case INSERT -> MysqlTriggers.Event.INSERT;
                case UPDATE -> MysqlTriggers.Event.UPDATE;
                default -> null;
            };
            if (event == null) {
                return Optional.empty();
            }
            List<String> parts = RollbackLine.split(line.table(), ".");
            return triggers.of(c, unquote(parts.get(0)), unquote(parts.get(parts.size() - 1))).stream()
                    .filter(t -> t.event() == event && "BEFORE".equalsIgnoreCase(t.timing()) && t.body() != null
                            && SETS_NEW.matcher(t.body()).find())
                    .map(MysqlTriggers.Trigger::name).findFirst();
        }

        /** The transaction ended: its metadata locks are gone, and a trigger or key may have been added since. */
        public void forget() {
            references.forget();
            triggers.forget();
            locked.clear();
            engines.clear();
            unseen.clear();
        }

        /** {@link #unseen(Connection, RollbackLine)} by table and the line's columns. */
        private final Map<String, Unseen> unseen = new HashMap<>();

        /** The columns a DELETE line does not name (added since the ticket ran) and the condition they must meet. */
        record Unseen(List<String> columns, String condition) {
            static final Unseen NONE = new Unseen(List.of(), "");
        }

        /**
         * For a DELETE line (undoing an INSERT): the table's columns added since the ticket ran, which the line's guard
         * does not name, and the condition that each holds its default (NULL where it has none, nullable): a value
         * written since in one is a change of the row, which the DELETE would take with it (a helper's finding). A
         * column added since with an expression default or none (NOT NULL) counts as changed: a DBA decides.
         */
        Unseen unseen(Connection c, RollbackLine line) throws SQLException {
            if (line.kind() != RollbackLine.Kind.DELETE) {
                return Unseen.NONE;
            }
            java.util.Set<String> named = new java.util.HashSet<>();
            line.keys().forEach(p -> named.add(unquote(p.column()).toLowerCase(java.util.Locale.ROOT)));
            line.guards().forEach(p -> named.add(unquote(p.column()).toLowerCase(java.util.Locale.ROOT)));
            String cacheKey = line.table() + "|" + new java.util.TreeSet<>(named);
            Unseen known = unseen.get(cacheKey);
            if (known != null) {
                return known;
            }
            List<String> parts = RollbackLine.split(line.table(), ".");
            String schema = unquote(parts.get(0));
            String table = unquote(parts.get(parts.size() - 1));
            List<String> added = DmlChange.writableColumns(c, schema, table).stream()
                    .filter(column -> !named.contains(column.toLowerCase(java.util.Locale.ROOT))).toList();
            List<String> conditions = new ArrayList<>();
            for (String column : added) {
                conditions.add(holdsItsDefault(c, schema, table, column));
            }
            Unseen found = added.isEmpty() ? Unseen.NONE
                    : new Unseen(added, " AND " + String.join(" AND ", conditions));
            unseen.put(cacheKey, found);
            return found;
        }

        private static String holdsItsDefault(Connection c, String schema, String table, String column)
                throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_DEFAULT, IS_NULLABLE, EXTRA FROM"
                    + " information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
                ps.setString(1, schema);
                ps.setString(2, table);
                ps.setString(3, column);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return "FALSE";
                    }
                    String defaultValue = rs.getString(1);
                    boolean nullable = "YES".equalsIgnoreCase(rs.getString(2));
                    String extra = rs.getString(3) == null ? "" : rs.getString(3).toUpperCase(java.util.Locale.ROOT);
                    boolean literal = DdlConflicts.literalDefault(defaultValue, nullable, extra);
                    String quoted = DmlChange.quote(column);
                    return literal ? "CAST(" + quoted + " AS BINARY) <=> CAST(DEFAULT(" + quoted + ") AS BINARY)"
                            : "FALSE";
                }
            }
        }
    }

    /**
     * Why the line may not run: it would fire a trigger of its table that updates or deletes rows of other tables
     * (ADR 0039), rows the rollback has no before-image of; empty when none would.
     */
    static Optional<String> triggered(Connection c, RollbackLine line, PerTable<MysqlTriggers.Trigger> known) throws SQLException {
        MysqlTriggers.Event event = switch (line.kind()) {
            case INSERT -> MysqlTriggers.Event.INSERT;
            case UPDATE -> MysqlTriggers.Event.UPDATE;
            case DELETE -> MysqlTriggers.Event.DELETE;
            case SESSION -> null;
        };
        if (event == null) {
            return Optional.empty();
        }
        List<String> parts = RollbackLine.split(line.table(), ".");
        return MysqlTriggers.changingOtherRows(known.of(c, unquote(parts.get(0)), unquote(parts.get(parts.size() - 1))),
                event).map(t -> TRIGGERED + t.describe());
    }

    /**
     * Why the line may not run although its row may be as the ticket left it: rows that point at the row through a
     * foreign key (added since the ticket ran) would be deleted or set to NULL by the server when the line deletes
     * the row or puts back a referenced column ({@link MysqlForeignKeys}); empty when none would.
     */
    static Optional<String> referenced(Connection c, RollbackLine line, PerTable<MysqlForeignKeys.Reference> known)
            throws SQLException {
        if (line.kind() != RollbackLine.Kind.DELETE && line.kind() != RollbackLine.Kind.UPDATE) {
            return Optional.empty();
        }
        List<String> parts = RollbackLine.split(line.table(), ".");
        List<MysqlForeignKeys.Reference> references = known.of(c, unquote(parts.get(0)),
                unquote(parts.get(parts.size() - 1)));
        if (references.isEmpty()) {
            return Optional.empty();
        }
        MysqlForeignKeys.Change change = line.kind() == RollbackLine.Kind.DELETE
                ? MysqlForeignKeys.Change.DELETE : MysqlForeignKeys.Change.UPDATE;
        List<String> changed = line.values().stream().map(v -> unquote(v.column())).toList();
        return MysqlForeignKeys.changedThrough(c, references, change, changed,
                "FROM " + line.table() + " WHERE " + line.keyCondition(List.of()))
                .map(consequence -> consequence.startsWith(MysqlForeignKeys.UNSEEN) ? UNSEEN_REFERENCE + consequence
                        : REFERENCED + consequence);
    }

    /**
     * The row's current values of the line's columns as SQL literals; null when the row is gone. Integers and
     * DECIMAL values are unquoted, as the before-images and guards write them, so the three read alike.
     */
    static List<String> probe(Connection c, RollbackLine line, List<String> primaryKey) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(line.probe(primaryKey))) {
            if (!rs.next()) {
                return null;
            }
            List<String> values = new ArrayList<>();
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String value = rs.getString(i);
                values.add(value != null && EXACT_NUMBERS.contains(meta.getColumnType(i)) ? value
                        : DmlChange.text(value));
            }
            return values;
        }
    }

    /** Column types whose values read back as the digits the before-images write unquoted. */
    private static final java.util.Set<Integer> EXACT_NUMBERS = java.util.Set.of(java.sql.Types.TINYINT,
            java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT, java.sql.Types.DECIMAL,
            java.sql.Types.NUMERIC);

    static List<String> primaryKey(Connection c, String qualified, Map<String, List<String>> known)
            throws SQLException {
        List<String> key = known.get(qualified);
        if (key == null) {
            List<String> parts = RollbackLine.split(qualified, ".");
            key = DmlChange.primaryKey(c, unquote(parts.get(0)), unquote(parts.get(parts.size() - 1)));
            known.put(qualified, key);
        }
        return key;
    }

    private static String unquote(String identifier) {
        String s = identifier.strip();
        return s.startsWith("`") && s.endsWith("`") && s.length() >= 2
                ? s.substring(1, s.length() - 1).replace("``", "`") : s;
    }

    /** A rollback may set the session's time zone (TIMESTAMP values are written in UTC); it is put back after. */
    static void resetSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = DEFAULT");
        }
    }
}
