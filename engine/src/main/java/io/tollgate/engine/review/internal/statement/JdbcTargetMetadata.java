package io.tollgate.engine.review.internal.statement;

import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import io.tollgate.integrations.mysql.MysqlMetadataException;
import io.tollgate.integrations.mysql.MysqlMetadataReader;
import io.tollgate.integrations.mysql.MysqlTable;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link TargetMetadata} over the JDBC adapter, caching what it read for the rest of the review. A database's tables
 * are read one at a time, as the script names them, in queries that open that table's definition alone: a one-line
 * ticket on a database of thousands of tables reads one table, not the whole database (which costs a fraction of a
 * second and tens of thousands of rows on every review). After {@link #TABLES_ONE_AT_A_TIME} tables of one database,
 * the next question reads all of that database in three queries, so a large script pays no more than that. Names are
 * matched case-insensitively, as before: a name the server does not know as written is looked up in the database's
 * table names (a listing that opens no table). EXPLAIN and COUNT always go to the target (read-only session).
 */
public final class JdbcTargetMetadata implements TargetMetadata {

    /** How many tables of one database are read one at a time before the next question reads all of them. */
    static final int TABLES_ONE_AT_A_TIME = 16;

    private final MysqlMetadataReader.Session session;
    private final Map<String, Boolean> databases = new HashMap<>();
    /** Per database: the tables read one at a time, empty for a name that is no base table there. */
    private final Map<String, Map<String, Optional<Table>>> readOneByOne = new HashMap<>();
    /** Per database: the lower-cased names of its tables and views to the names as stored, once a name missed. */
    private final Map<String, Map<String, String>> names = new HashMap<>();
    /** Per database, once read whole: every base table. */
    private final Map<String, Map<String, Table>> whole = new HashMap<>();
    /** Per database and table: the foreign keys that would change other rows ({@link #rowChangingReferences}). */
    private final Map<String, List<MysqlForeignKeys.Reference>> references = new HashMap<>();
    /** Per function ({@link MysqlRoutines.Call#key}): whether it is a stored one; each name is asked once. */
    private final Map<String, Boolean> storedFunctions = new HashMap<>();
    /** Per database and table: its triggers ({@link #triggers}). */
    private final Map<String, List<MysqlTriggers.Trigger>> triggers = new HashMap<>();
    private final Map<String, Boolean> hidesColumns = new HashMap<>();
    private List<String> textModes;

    public JdbcTargetMetadata(MysqlMetadataReader.Session session) {
        this.session = session;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> textModes() {
        if (textModes == null) {
            textModes = session.textModes();
        }
        return textModes;
    }

    @Override
    public boolean databaseExists(String database) {
        return databases.computeIfAbsent(key(database), k -> session.databaseExists(database));
    }

    @Override
    public Optional<Table> table(String database, String table) {
        Map<String, Table> all = whole.get(key(database));
        if (all != null) {
            return Optional.ofNullable(all.get(key(table)));
        }
        Map<String, Optional<Table>> read = readOneByOne.computeIfAbsent(key(database), k -> new HashMap<>());
        Optional<Table> known = read.get(key(table));
        if (known != null) {
            return known;
        }
        if (read.size() >= TABLES_ONE_AT_A_TIME) {
            return Optional.ofNullable(readWhole(database).get(key(table)));
        }
        Optional<Table> found = session.table(database, table).map(JdbcTargetMetadata::convert);
        if (found.isEmpty()) {
            String stored = names.computeIfAbsent(key(database), k -> storedNames(database)).get(key(table));
            if (stored != null && !stored.equals(table)) {
                found = session.table(database, stored).map(JdbcTargetMetadata::convert);
            }
        }
        read.put(key(table), found);
        return found;
    }

    /** Every base table of the database, in three queries; what follows about the database is answered from it. */
    private Map<String, Table> readWhole(String database) {
        return whole.computeIfAbsent(key(database), k -> {
            Map<String, Table> byName = new HashMap<>();
            for (MysqlTable t : session.tables(database)) {
                byName.put(key(t.name()), convert(t));
            }
            return byName;
        });
    }

    private Map<String, String> storedNames(String database) {
        Map<String, String> byKey = new HashMap<>();
        for (String name : session.tableNames(database)) {
            byKey.putIfAbsent(key(name), name);
        }
        return byKey;
    }

    @Override
    public Explain explain(String database, String selectSql) {
        try {
            return new Explain(session.explainRows(database, selectSql), null);
        } catch (MysqlMetadataException e) {
            return new Explain(-1, e.getMessage());
        }
    }

    @Override
    public OptionalLong count(String database, String countSql) {
        try {
            return OptionalLong.of(session.count(database, countSql));
        } catch (MysqlMetadataException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public List<MysqlForeignKeys.Reference> rowChangingReferences(String database, String table) {
        return references.computeIfAbsent(key(database) + "." + key(table), k -> {
            try {
                return session.rowChangingReferences(database, table);
            } catch (MysqlMetadataException e) {
                return List.of();
            }
        });
    }

    @Override
    public java.util.Set<String> storedFunctions(String database, List<MysqlRoutines.Call> calls) {
        List<MysqlRoutines.Call> unknown = calls.stream()
                .filter(c -> !storedFunctions.containsKey(c.key(database))).toList();
        if (!unknown.isEmpty()) {
            java.util.Set<String> found;
            try {
                found = session.storedFunctions(database, unknown);
            } catch (MysqlMetadataException e) {
                return java.util.Set.of();
            }
            unknown.forEach(c -> storedFunctions.put(c.key(database), found.contains(c.key(database))));
        }
        return calls.stream().map(c -> c.key(database)).filter(storedFunctions::get)
                .collect(java.util.stream.Collectors.toSet());
    }

    @Override
    public boolean hidesColumns(String database, String table) {
        return hidesColumns.computeIfAbsent(key(database) + "." + key(table), k -> {
            try {
                return session.hidesColumns(database, table);
            } catch (MysqlMetadataException e) {
                return false;
            }
        });
    }

    @Override
    public boolean isView(String database, String table) {
        try {
            return session.isView(database, table);
        } catch (MysqlMetadataException e) {
            return false;
        }
    }

    @Override
    public List<MysqlTriggers.Trigger> triggers(String database, String table) {
        return triggers.computeIfAbsent(key(database) + "." + key(table), k -> {
            try {
                return session.triggers(database, table);
            } catch (MysqlMetadataException e) {
                return List.of();
            }
        });
    }

    @Override
    public void close() {
        session.close();
    }

    private static Table convert(MysqlTable t) {
        List<Column> columns = t.columns().stream().map(c -> new Column(c.name(), c.type(), c.nullable(), c.autoIncrement(), c.invisible())).toList();
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.columns())).toList();
        return new Table(t.database(), t.name(), t.engine(), t.approximateRows(), columns, indexes, t.averageRowBytes());
    }
}
