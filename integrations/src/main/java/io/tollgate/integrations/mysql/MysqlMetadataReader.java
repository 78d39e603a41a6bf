package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads metadata from a MySQL/MariaDB target without ever changing it: the session is read-only
 * ({@code SET SESSION TRANSACTION READ ONLY}, so the server refuses writes, in autocommit statements as in any
 * transaction: a write a SELECT would make through a function fails), and only SELECT, SHOW and EXPLAIN statements
 * are sent (anything else is refused before it reaches the server). It runs in autocommit: each query is its own
 * read-only transaction, which ends with it, so no snapshot or lock outlives a query and no ROLLBACK is needed after
 * one (issue 16: those were a third of the review's statements). Each query has a timeout.
 * <p>
 * A closed session's connection is kept for the next session to the same target (same address and credentials) for
 * {@link #KEEP_IDLE} at most, {@link #MAX_IDLE_PER_TARGET} per target: a new connection (handshake, sign-in, the
 * driver's set-up queries, the read-only statement) cost as much as the rest of a small ticket's review. A kept
 * connection holds nothing but the read-only session: no transaction, lock or snapshot outlives a query, and the
 * database is named in every query or set before it. It is checked ({@code COM_PING}) before it is handed out; one
 * whose session saw any error is closed, never kept; idle ones are closed by a background sweep.
 */
public final class MysqlMetadataReader implements AutoCloseable {

    static final Duration KEEP_IDLE = Duration.ofSeconds(30);
    static final int MAX_IDLE_PER_TARGET = 4;

    private record Idle(Connection connection, long sinceNanos) {
    }

    private final Duration queryTimeout;
    private final long keepIdleNanos;
    private final Map<String, ConcurrentLinkedDeque<Idle>> idle = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public MysqlMetadataReader(Duration queryTimeout) {
        this(queryTimeout, KEEP_IDLE);
    }

    MysqlMetadataReader(Duration queryTimeout, Duration keepIdle) {
        this.queryTimeout = queryTimeout;
        this.keepIdleNanos = keepIdle.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-review-sessions");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, Math.min(10_000, keepIdle.toMillis() / 2));
        sweeper.scheduleWithFixedDelay(this::closeStale, every, every, TimeUnit.MILLISECONDS);
    }

    /** Opens a read-only session (or takes a kept one to the same target); close it when done. */
    public Session open(MysqlCoordinates target) {
        Properties props = MysqlConnections.properties(target, queryTimeout, queryTimeout.multipliedBy(2));
        String url = MysqlConnections.url(target);
        String key = url + '\u0000' + props.getProperty("user") + '\u0000' + props.getProperty("password");
        ConcurrentLinkedDeque<Idle> kept = idle.get(key);
        for (Idle i = kept == null ? null : kept.pollFirst(); i != null; i = kept.pollFirst()) {
            if (fresh(i, System.nanoTime()) && alive(i.connection())) {
                return new Session(i.connection(), (int) Math.max(1, queryTimeout.toSeconds()), this, key);
            }
            closeQuietly(i.connection());
        }
        try {
            Connection connection = DriverManager.getConnection(url, props);
            try {
                connection.setReadOnly(true);
                // Connector/J only propagates read-only to servers it sees as 5.6.5+, and MariaDB announces itself
                // as 5.5.5-10.x: say it explicitly so that the server refuses every write in this session
                try (Statement s = connection.createStatement()) {
                    s.execute("SET SESSION TRANSACTION READ ONLY");
                }
                // EXPLAIN and COUNT read the statements' conditions as the review's parser did
                MysqlDialect.readAsReviewed(connection);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            return new Session(connection, (int) Math.max(1, queryTimeout.toSeconds()), this, key);
        } catch (SQLException e) {
            throw new MysqlMetadataException("cannot connect to " + target + ": " + e.getMessage(), e);
        }
    }

    /** Closes every kept connection; sessions still open close theirs when they end. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        idle.values().forEach(kept -> {
            for (Idle i = kept.pollFirst(); i != null; i = kept.pollFirst()) {
                closeQuietly(i.connection());
            }
        });
    }

    /** How many connections are kept, over all targets (for tests). */
    int kept() {
        return idle.values().stream().mapToInt(ConcurrentLinkedDeque::size).sum();
    }

    private void keep(String key, Connection connection) {
        ConcurrentLinkedDeque<Idle> kept = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        if (keepIdleNanos <= 0 || sweeper.isShutdown() || kept.size() >= MAX_IDLE_PER_TARGET) {
            closeQuietly(connection);
            return;
        }
        kept.offerFirst(new Idle(connection, System.nanoTime()));
    }

    private void closeStale() {
        long now = System.nanoTime();
        idle.values().forEach(kept -> kept.removeIf(i -> {
            if (fresh(i, now)) {
                return false;
            }
            closeQuietly(i.connection());
            return true;
        }));
    }

    private boolean fresh(Idle i, long now) {
        return now - i.sinceNanos() < keepIdleNanos;
    }

    private static boolean alive(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a read-only session cannot lose anything
        }
    }

    /** One read-only connection to a target. Not thread-safe. */
    public static final class Session implements AutoCloseable {

        private final Connection connection;
        private final int timeoutSeconds;
        private final MysqlMetadataReader keeper;
        private final String key;
        private boolean failed;
        private boolean closed;

        Session(Connection connection, int timeoutSeconds, MysqlMetadataReader keeper, String key) {
            this.connection = connection;
            this.timeoutSeconds = timeoutSeconds;
            this.keeper = keeper;
            this.key = key;
        }

        /** The server's id of this session's connection (for tests of reuse). */
        long connectionId() {
            return query("SELECT CONNECTION_ID()", List.of(), rs -> rs.next() ? rs.getLong(1) : -1L);
        }

        public boolean databaseExists(String database) {
            return query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", List.of(database), rs -> rs.next());
        }

        /**
         * Every base table of {@code database} with its columns and indexes, in three queries. They open every table's
         * definition: on a database of thousands of tables that is a fraction of a second and tens of thousands of rows.
         */
        public List<MysqlTable> tables(String database) {
            return load(database, null);
        }

        /**
         * One base table with its columns and indexes, in three queries that read that table's definition alone (the
         * name as the server stores it: exact case where table names are case-sensitive); empty when there is none.
         */
        public Optional<MysqlTable> table(String database, String table) {
            return load(database, table).stream().findFirst();
        }

        /**
         * The foreign keys, in any schema, through which deleting or updating rows of the table would make the server
         * change other rows ({@link MysqlForeignKeys}); read as the executor reads them.
         */
        public List<MysqlForeignKeys.Reference> rowChangingReferences(String database, String table) {
            try {
                return MysqlForeignKeys.read(connection, database, table);
            } catch (SQLException e) {
                failed = true;
                throw new MysqlMetadataException(e.getMessage(), e);
            }
        }

        /** Which of the calls are stored functions ({@link MysqlRoutines}); read as the executor reads them. */
        public java.util.Set<String> storedFunctions(String database, List<MysqlRoutines.Call> calls) {
            try {
                return MysqlRoutines.storedFunctions(connection, database, calls);
            } catch (SQLException e) {
                failed = true;
                throw new MysqlMetadataException(e.getMessage(), e);
            }
        }

        /** Whether the account may not read some columns of the table ({@link MysqlColumnAccess}). */
        public boolean hidesColumns(String database, String table) {
            try {
                return MysqlColumnAccess.hidesColumns(connection, database, table);
            } catch (SQLException e) {
                failed = true;
                throw new MysqlMetadataException(e.getMessage(), e);
            }
        }

        /** The table's triggers ({@link MysqlTriggers}); read as the executor reads them. */
        public List<MysqlTriggers.Trigger> triggers(String database, String table) {
            try {
                return MysqlTriggers.read(connection, database, table);
            } catch (SQLException e) {
                failed = true;
                throw new MysqlMetadataException(e.getMessage(), e);
            }
        }

        /** Whether {@code table} of {@code database} is a view (asked of a name that is no base table). */
        public boolean isView(String database, String table) {
            return query("SELECT 1 FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                    List.of(database, table), rs -> rs.next());
        }

        /**
         * The names of the tables and views of {@code database}, and nothing else of them: the server lists them
         * without opening a table's definition, so it costs little however large the database.
         */
        public List<String> tableNames(String database) {
            return query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME",
                    List.of(database), rs -> {
                        List<String> names = new ArrayList<>();
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                        return names;
                    });
        }

        /** The table's DDL as MySQL prints it ({@code SHOW CREATE TABLE}). */
        public Optional<String> showCreateTable(String database, String table) {
            try {
                return Optional.of(query("SHOW CREATE TABLE " + quote(database) + "." + quote(table), List.of(),
                        rs -> rs.next() ? rs.getString(2) : null));
            } catch (MysqlMetadataException e) {
                if (e.getCause() instanceof SQLException sql && sql.getErrorCode() == 1146) {
                    return Optional.empty();
                }
                throw e;
            }
        }

        /**
         * Rows the optimizer expects to examine for a SELECT ({@code EXPLAIN}): the largest {@code rows}
         * of the plan. Throws with MySQL's message when MySQL rejects the statement.
         */
        public long explainRows(String database, String select) {
            requireSelect(select);
            use(database);
            return query("EXPLAIN " + select, List.of(), rs -> {
                long max = 0;
                while (rs.next()) {
                    max = Math.max(max, rs.getLong("rows"));
                }
                return max;
            });
        }

        /** Runs a {@code SELECT COUNT(*) ...} and returns its single value. */
        public long count(String database, String selectCount) {
            requireSelect(selectCount);
            use(database);
            return query(selectCount, List.of(), rs -> rs.next() ? rs.getLong(1) : 0L);
        }

        /**
         * The flags of the server's own {@code sql_mode} that read SQL text in another dialect than MySQL's default
         * ({@link MysqlDialect#TEXT_MODES}): what Tollgate's sessions leave out, so what a DBA writing for that
         * server's dialect should know. Empty for most servers.
         */
        public List<String> textModes() {
            return MysqlDialect.textModes(query("SELECT @@GLOBAL.sql_mode", List.of(),
                    rs -> rs.next() ? rs.getString(1) : ""));
        }

        /**
         * The databases the session's account can see, without the system schemas, by name; at most {@code limit}
         * (ask for one more than you show to know whether there are more).
         */
        public List<String> databaseNames(int limit) {
            return query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN (?, ?, ?, ?)"
                    + " ORDER BY SCHEMA_NAME LIMIT ?", List.of(MysqlSchema.SYSTEM_SCHEMAS.get(0),
                    MysqlSchema.SYSTEM_SCHEMAS.get(1), MysqlSchema.SYSTEM_SCHEMAS.get(2),
                    MysqlSchema.SYSTEM_SCHEMAS.get(3), limit), rs -> {
                        List<String> names = new ArrayList<>();
                        while (rs.next()) {
                            names.add(rs.getString(1));
                        }
                        return names;
                    });
        }

        /** The tables and views of {@code database} by name, at most {@code limit}; names are bound, never quoted in. */
        public List<MysqlSchema.TableEntry> tableEntries(String database, int limit) {
            return query("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS, TABLE_COMMENT FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME LIMIT ?", List.of(database, limit), rs -> {
                        List<MysqlSchema.TableEntry> entries = new ArrayList<>();
                        while (rs.next()) {
                            entries.add(new MysqlSchema.TableEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getLong(4), rs.getString(5)));
                        }
                        return entries;
                    });
        }

        /** One table's columns and indexes (three bound queries), or empty when the account sees no such table. */
        public Optional<MysqlSchema.Table> describe(String database, String table) {
            List<Object> params = List.of(database, table);
            MysqlSchema.TableEntry entry = query("SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS, TABLE_COMMENT"
                    + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", params,
                    rs -> rs.next() ? new MysqlSchema.TableEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getString(5)) : null);
            if (entry == null) {
                return Optional.empty();
            }
            List<MysqlSchema.Column> columns = query("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT,"
                    + " COLUMN_KEY, EXTRA, COLUMN_COMMENT FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", params, rs -> {
                        List<MysqlSchema.Column> all = new ArrayList<>();
                        while (rs.next()) {
                            all.add(new MysqlSchema.Column(rs.getString(1), rs.getString(2), "YES".equals(rs.getString(3)),
                                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
                        }
                        return all;
                    });
            Map<String, List<MysqlSchema.KeyPart>> parts = new LinkedHashMap<>();
            Map<String, Boolean> unique = new LinkedHashMap<>();
            Map<String, String> type = new LinkedHashMap<>();
            Map<String, String> comment = new LinkedHashMap<>();
            query("SELECT INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, INDEX_COMMENT"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                    + " ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX", params, rs -> {
                        while (rs.next()) {
                            String index = rs.getString(1);
                            unique.put(index, rs.getInt(2) == 0);
                            type.put(index, rs.getString(5));
                            comment.put(index, rs.getString(6));
                            Object subPart = rs.getObject(4);
                            parts.computeIfAbsent(index, n -> new ArrayList<>()).add(new MysqlSchema.KeyPart(
                                    rs.getString(3) == null ? "(expression)" : rs.getString(3),
                                    subPart == null ? null : ((Number) subPart).intValue()));
                        }
                        return null;
                    });
            List<MysqlSchema.Index> indexes = new ArrayList<>();
            parts.forEach((index, keyParts) -> indexes.add(new MysqlSchema.Index(index, unique.get(index),
                    type.get(index), List.copyOf(keyParts), comment.get(index))));
            return Optional.of(new MysqlSchema.Table(database, entry.name(), entry.type(), entry.engine(),
                    entry.approximateRows(), entry.comment(), List.copyOf(columns), List.copyOf(indexes)));
        }

        private void use(String database) {
            if (database == null || database.isBlank()) {
                // a kept session may have another database selected from its last use: never run on that one
                throw new IllegalArgumentException("name the database to explain or count in");
            }
            try {
                connection.setCatalog(database);
            } catch (SQLException e) {
                failed = true;
                throw new MysqlMetadataException(e.getMessage(), e);
            }
        }

        private List<MysqlTable> load(String database, String onlyTable) {
            String tableFilter = onlyTable == null ? "" : " AND TABLE_NAME = ?";
            List<Object> params = onlyTable == null ? List.of(database) : List.of(database, onlyTable);
            Map<String, TableRows> tables = new LinkedHashMap<>();
            // MariaDB's system-versioned tables are tables too (TABLE_TYPE 'SYSTEM VERSIONED')
            query("SELECT TABLE_NAME, ENGINE, TABLE_ROWS, TABLE_TYPE, AVG_ROW_LENGTH FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')" + tableFilter
                    + " ORDER BY TABLE_NAME", params, rs -> {
                        while (rs.next()) {
                            TableRows t = new TableRows(rs.getString(1), rs.getString(2), rs.getLong(3));
                            t.averageRowBytes = rs.getLong(5);
                            if ("SYSTEM VERSIONED".equalsIgnoreCase(rs.getString(4))) {
                                t.rowEnd = "row_end"; // its name unless it was declared (the columns tell)
                            }
                            tables.put(key(rs.getString(1)), t);
                        }
                        return null;
                    });
            if (tables.isEmpty()) {
                return List.of();
            }
            query("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, EXTRA, GENERATION_EXPRESSION"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                    + tableFilter + " ORDER BY TABLE_NAME, ORDINAL_POSITION", params, rs -> {
                        while (rs.next()) {
                            TableRows t = tables.get(key(rs.getString(1)));
                            if (t != null && t.rowEnd != null && "ROW END".equalsIgnoreCase(rs.getString(6))) {
                                t.rowEnd = rs.getString(2);
                            }
                            if (t != null) {
                                String extra = rs.getString(5) == null ? "" : rs.getString(5).toLowerCase(Locale.ROOT);
                                t.columns.add(new MysqlTable.Column(rs.getString(2), rs.getString(3), "YES".equals(rs.getString(4)),
                                        extra.contains("auto_increment"), extra.contains("invisible")));
                            }
                        }
                        return null;
                    });
            query("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"
                    + tableFilter + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", params, rs -> {
                        while (rs.next()) {
                            TableRows t = tables.get(key(rs.getString(1)));
                            // MariaDB adds a versioned table's ROW END column to its unique keys: each version of a
                            // row is unique; a statement sees and writes the current rows only, keyed without it
                            if (t != null && !(t.rowEnd != null && t.rowEnd.equalsIgnoreCase(rs.getString(4)))) {
                                boolean unique = rs.getInt(3) == 0;
                                t.indexUnique.put(rs.getString(2), unique);
                                t.indexColumns.computeIfAbsent(rs.getString(2), n -> new ArrayList<>())
                                        .add(rs.getString(4) == null ? "(expression)" : rs.getString(4));
                            }
                        }
                        return null;
                    });
            return tables.values().stream().map(t -> t.toTable(database)).toList();
        }

        /** A table while its rows from the three information_schema queries come in. */
        private static final class TableRows {
            final String name;
            final String engine;
            final long rows;
            final List<MysqlTable.Column> columns = new ArrayList<>();
            final Map<String, Boolean> indexUnique = new LinkedHashMap<>();
            final Map<String, List<String>> indexColumns = new LinkedHashMap<>();
            /** A system-versioned table's ROW END column; null for other tables. */
            String rowEnd;
            long averageRowBytes;

            TableRows(String name, String engine, long rows) {
                this.name = name;
                this.engine = engine;
                this.rows = rows;
            }

            MysqlTable toTable(String database) {
                List<MysqlTable.Index> indexes = new ArrayList<>();
                indexColumns.forEach((index, cols) -> indexes.add(new MysqlTable.Index(index, indexUnique.get(index), List.copyOf(cols))));
                return new MysqlTable(database, name, engine, rows, List.copyOf(columns), List.copyOf(indexes),
                        averageRowBytes);
            }
        }

        private static String key(String name) {
            return name.toLowerCase(Locale.ROOT);
        }

        private interface Reader<T> {
            T read(ResultSet rs) throws SQLException;
        }

        private <T> T query(String sql, List<Object> params, Reader<T> reader) {
            requireReadOnly(sql);
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setQueryTimeout(timeoutSeconds);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException | RuntimeException e) {
                failed = true;
                throw e instanceof SQLException failure ? new MysqlMetadataException(failure.getMessage(), failure)
                        : (RuntimeException) e;
            }
        }

        /** Ends the session: its connection is kept for the next one to the same target unless anything failed. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (failed) {
                closeQuietly(connection);
            } else {
                keeper.keep(key, connection);
            }
        }
    }

    private static String quote(String identifier) {
        return MysqlIdentifiers.quote(identifier);
    }

    static void requireSelect(String sql) {
        if (!startsWithKeyword(sql, "SELECT")) {
            throw new IllegalArgumentException("only SELECT statements can be explained or counted");
        }
    }

    /** Refuses anything but SELECT, SHOW and EXPLAIN before it reaches the target. */
    static void requireReadOnly(String sql) {
        if (!startsWithKeyword(sql, "SELECT") && !startsWithKeyword(sql, "SHOW") && !startsWithKeyword(sql, "EXPLAIN")) {
            throw new IllegalArgumentException("only SELECT, SHOW and EXPLAIN are sent to a target while reviewing");
        }
    }

    private static boolean startsWithKeyword(String sql, String keyword) {
        String s = sql.stripLeading();
        return s.regionMatches(true, 0, keyword, 0, keyword.length())
                && (s.length() == keyword.length() || !Character.isLetterOrDigit(s.charAt(keyword.length())));
    }

    /** Exposed for the statement guard's unit test. */
    static boolean isReadOnly(String sql) {
        try {
            requireReadOnly(sql);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
