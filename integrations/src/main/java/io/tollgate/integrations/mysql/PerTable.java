package io.tollgate.integrations.mysql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What was read about each table during one run (its foreign keys, its triggers), so each table is read once;
 * forgotten after any DDL, which may change it.
 *
 * @param <T> what is read per table
 */
public final class PerTable<T> {

    /** Reads what is kept for one table. */
    @FunctionalInterface
    public interface Reader<T> {
        List<T> read(Connection c, String schema, String table) throws SQLException;
    }

    private final Reader<T> reader;
    private final Map<String, List<T>> byTable = new HashMap<>();

    public PerTable(Reader<T> reader) {
        this.reader = reader;
    }

    public List<T> of(Connection c, String schema, String table) throws SQLException {
        String key = schema + "." + table;
        List<T> known = byTable.get(key);
        if (known == null) {
            known = reader.read(c, schema, table);
            byTable.put(key, known);
        }
        return known;
    }

    /** A DDL may have changed any table. */
    public void forget() {
        byTable.clear();
    }
}
