package io.tollgate.engine.review.internal;

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
 * {@link TargetMetadata} over the JDBC adapter, with a cache warmed per database: the first question about
 * a database loads all its tables, columns and indexes in three queries, and every later question about
 * that database is answered from memory. EXPLAIN and COUNT always go to the target (read-only session).
 */
final class JdbcTargetMetadata implements TargetMetadata {

    private final MysqlMetadataReader.Session session;
    private final Map<String, Boolean> databases = new HashMap<>();
    private final Map<String, Map<String, Table>> tables = new HashMap<>();

    JdbcTargetMetadata(MysqlMetadataReader.Session session) {
        this.session = session;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean databaseExists(String database) {
        return databases.computeIfAbsent(key(database), k -> session.databaseExists(database));
    }

    /** Loads every table of the database into the cache (done implicitly on first use). */
    Map<String, Table> warm(String database) {
        return tables.computeIfAbsent(key(database), k -> {
            Map<String, Table> byName = new HashMap<>();
            for (MysqlTable t : session.tables(database)) {
                byName.put(key(t.name()), convert(t));
            }
            return byName;
        });
    }

    @Override
    public Optional<Table> table(String database, String table) {
        return Optional.ofNullable(warm(database).get(key(table)));
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
    public void close() {
        session.close();
    }

    private static Table convert(MysqlTable t) {
        List<Column> columns = t.columns().stream().map(c -> new Column(c.name(), c.type(), c.nullable(), c.autoIncrement())).toList();
        List<Index> indexes = t.indexes().stream().map(i -> new Index(i.name(), i.unique(), i.columns())).toList();
        return new Table(t.database(), t.name(), t.engine(), t.approximateRows(), columns, indexes);
    }
}
