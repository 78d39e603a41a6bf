package io.tollgate.engine.review.internal.statement;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import io.tollgate.integrations.mysql.execution.StatementSupport;

/**
 * The schema as the script sees it at the current statement: what the target has (when there is one),
 * overlaid with what earlier statements of the script created, altered, renamed and dropped. Names are
 * compared case-insensitively. A null database stands for the script's default database when the review has none:
 * what the script creates there is tracked, the target is never asked about it.
 */
public final class SchemaState {

    public enum Presence {
        EXISTS, MISSING, UNKNOWN
    }

    /**
     * @param invisible an INSERT without a column list leaves the column out
     * @param nullable  the column may hold NULL (as the target reports it, or as the script defined it)
     */
    public record Column(String name, String type, boolean autoIncrement, boolean invisible, boolean nullable) {
    }

    public record Index(String name, boolean unique, List<String> columns) {
    }

    public static final class Table {
        public final String database;
        public final String name;
        public final long rows;
        public final Map<String, Column> columns = new LinkedHashMap<>();
        public final Map<String, Index> indexes = new LinkedHashMap<>();
        /** The storage engine the target reports (InnoDB, MyISAM ...); null when not read from a target. */
        public String engine;
        /** The bytes a row takes on average on the target (AVG_ROW_LENGTH); 0 when unknown. */
        public long averageRowBytes;

        public Table(String database, String name, long rows) {
            this.database = database;
            this.name = name;
            this.rows = rows;
        }

        public Table copy(String newDatabase, String newName) {
            Table t = new Table(newDatabase, newName, rows);
            t.engine = engine;
            t.averageRowBytes = averageRowBytes;
            t.columns.putAll(columns);
            t.indexes.putAll(indexes);
            return t;
        }

        public Column column(String column) {
            return columns.get(key(column));
        }

        public void putColumn(String column, String type, boolean autoIncrement, boolean nullable) {
            putColumn(column, type, autoIncrement, false, nullable);
        }

        public void putColumn(String column, String type, boolean autoIncrement, boolean invisible,
                              boolean nullable) {
            columns.put(key(column), new Column(column, type, autoIncrement, invisible, nullable));
        }

        /** The table's columns and keys as the executor's check needs them ({@link StatementSupport}). */
        public StatementSupport.TableKeys keys() {
            Index primary = indexes.get("primary");
            List<String> key = primary == null ? List.of() : primary.columns();
            boolean autoIncrement = key.stream().map(this::column).anyMatch(c -> c != null && c.autoIncrement());
            // an INSERT without a column list fills the visible columns, in order (the executor's reading too)
            return StatementSupport.TableKeys.of(columns.values().stream().filter(c -> !c.invisible()).map(Column::name)
                    .toList(), key, autoIncrement);
        }

        /** Whether the column is part of an index: InnoDB requires one on the columns a foreign key references. */
        public boolean indexed(String column) {
            return indexes.values().stream().anyMatch(i -> i.columns().stream().anyMatch(c -> c.equalsIgnoreCase(column)));
        }

        public void putIndex(String indexName, boolean unique, List<String> cols) {
            indexes.put(key(indexName), new Index(indexName, unique, cols));
        }
    }

    private static final Table DROPPED = new Table("", "", 0);

    private final TargetMetadata target;
    /** database key → table key → what the script made of it ({@link #DROPPED} when dropped or renamed away). */
    private final Map<String, Map<String, Table>> overlay = new HashMap<>();
    /** database key → table key → the target's table, or null when the target has none (both cached). */
    private final Map<String, Map<String, Table>> fromTarget = new HashMap<>();
    private final Map<String, Boolean> databases = new HashMap<>();

    public SchemaState(TargetMetadata target) {
        this.target = target;
    }

    public boolean hasTarget() {
        return target != null;
    }

    /** The target's {@code sql_mode} flags that read SQL otherwise than the review ({@link TargetMetadata#textModes}). */
    public List<String> targetTextModes() {
        return target == null ? List.of() : target.textModes();
    }

    public static String key(String name) {
        if (name == null) {
            return "";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127) {
                return name.toLowerCase(Locale.ROOT);
            }
        }
        return name;
    }

    private Table overlaid(String database, String table) {
        Map<String, Table> tables = overlay.get(key(database));
        return tables == null ? null : tables.get(key(table));
    }

    private void overlay(String database, String table, Table shape) {
        overlay.computeIfAbsent(key(database), k -> new HashMap<>()).put(key(table), shape);
    }

    public Presence databasePresence(String database) {
        if (database == null) {
            return Presence.UNKNOWN;
        }
        Boolean known = databases.get(key(database));
        if (known != null) {
            return known ? Presence.EXISTS : Presence.MISSING;
        }
        if (target == null) {
            return Presence.UNKNOWN;
        }
        boolean exists = target.databaseExists(database);
        databases.put(key(database), exists);
        return exists ? Presence.EXISTS : Presence.MISSING;
    }

    public Presence tablePresence(String database, String table) {
        Table t = overlaid(database, table);
        if (t != null) {
            return t == DROPPED ? Presence.MISSING : Presence.EXISTS;
        }
        if (target == null || database == null) {
            return Presence.UNKNOWN;
        }
        if (databasePresence(database) == Presence.MISSING) {
            return Presence.MISSING;
        }
        return targetTable(database, table) != null ? Presence.EXISTS : Presence.MISSING;
    }

    /** Whether a table the target does not have is a view of the target's (not one the script created or dropped). */
    public boolean isTargetView(String database, String table) {
        return overlaid(database, table) == null && target != null && database != null
                && target.isView(database, table);
    }

    /** The table's shape when known (created earlier in the script or read from the target), else null. */
    public Table table(String database, String table) {
        Table t = overlaid(database, table);
        if (t != null) {
            return t == DROPPED ? null : t;
        }
        return target == null || database == null ? null : targetTable(database, table);
    }

    /**
     * The target's foreign keys through which deleting or updating rows of the table would make the server change
     * other rows; empty without a target, for a table the target does not have, or when they cannot be read.
     */
    public List<MysqlForeignKeys.Reference> rowChangingReferences(String database, String table) {
        Table t = target == null || database == null ? null : targetTable(database, table);
        return t == null ? List.of() : target.rowChangingReferences(t.database, t.name);
    }

    /** Which of the calls are the target's stored functions ({@link MysqlRoutines}); none without a target. */
    public java.util.Set<String> storedFunctions(String database, List<MysqlRoutines.Call> calls) {
        return target == null || calls.isEmpty() ? java.util.Set.of() : target.storedFunctions(database, calls);
    }

    /**
     * Whether the target's account may not read some columns of the table; false without a target or for a table
     * the target does not have (one the script creates is the account's own).
     */
    public boolean hidesColumns(String database, String table) {
        Table t = target == null || database == null ? null : targetTable(database, table);
        return t != null && target.hidesColumns(t.database, t.name);
    }

    /** The target's triggers of the table; empty without a target or for a table the target does not have. */
    public List<MysqlTriggers.Trigger> triggers(String database, String table) {
        Table t = target == null || database == null ? null : targetTable(database, table);
        return t == null ? List.of() : target.triggers(t.database, t.name);
    }

    private Table targetTable(String database, String table) {
        Map<String, Table> tables = fromTarget.computeIfAbsent(key(database), k -> new HashMap<>());
        String k = key(table);
        if (tables.containsKey(k)) {
            return tables.get(k);
        }
        Table shape = target.table(database, table).map(SchemaState::shapeOf).orElse(null);
        tables.put(k, shape);
        return shape;
    }

    private static Table shapeOf(TargetMetadata.Table t) {
        Table shape = new Table(t.database(), t.name(), t.approximateRows());
        shape.engine = t.engine();
        shape.averageRowBytes = t.averageRowBytes();
        t.columns().forEach(c -> shape.putColumn(c.name(), c.type(), c.autoIncrement(), c.invisible(),
                c.nullable()));
        t.indexes().forEach(i -> shape.putIndex(i.name(), i.unique(), i.columns()));
        return shape;
    }

    /** The table's shape for changing it: copied into the script's overlay first. Null when unknown. */
    public Table tableForChange(String database, String table) {
        Table t = table(database, table);
        if (t == null) {
            return null;
        }
        if (overlaid(database, table) != t) {
            t = t.copy(t.database, t.name);
            overlay(database, table, t);
        }
        return t;
    }

    public void created(Table table) {
        overlay(table.database, table.name, table);
    }

    public void dropped(String database, String table) {
        overlay(database, table, DROPPED);
    }

    public void renamed(String database, String table, String newDatabase, String newName) {
        Table t = table(database, table);
        dropped(database, table);
        overlay(newDatabase, newName, t == null ? new Table(newDatabase, newName, 0) : t.copy(newDatabase, newName));
    }

    public void databaseCreated(String database) {
        databases.put(key(database), true);
    }

    public void databaseDropped(String database) {
        databases.put(key(database), false);
        Map<String, Table> tables = overlay.get(key(database));
        if (tables != null) {
            tables.replaceAll((k, v) -> DROPPED);
        }
    }

    /** True for tables the script itself created (their rows are zero, whatever the target says). */
    boolean createdByScript(String database, String table) {
        Table t = overlaid(database, table);
        Map<String, Table> known = fromTarget.get(key(database));
        return t != null && t != DROPPED && (known == null || known.get(key(table)) == null);
    }
}
