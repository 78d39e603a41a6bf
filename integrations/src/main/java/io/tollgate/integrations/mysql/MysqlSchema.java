package io.tollgate.integrations.mysql;

import java.util.List;

/**
 * What a person may look at of a target's schema (the database picker and the table panel): names, columns with their
 * defaults and comments, indexes with their key parts in order and prefix lengths. Read through the review's read-only
 * session ({@link MysqlMetadataReader.Session#databaseNames}, {@code tableEntries}, {@code describe}).
 */
public final class MysqlSchema {

    /** Schemas MySQL/MariaDB keep for themselves: never offered as a database to change. */
    public static final List<String> SYSTEM_SCHEMAS = List.of("information_schema", "performance_schema", "mysql",
            "sys");

    private MysqlSchema() {
    }

    /** A table or view of a database; {@code type} is TABLE_TYPE ({@code BASE TABLE}, {@code VIEW}). */
    public record TableEntry(String name, String type, String engine, long approximateRows, String comment) {
    }

    /** One column as information_schema.COLUMNS has it; {@code key} is COLUMN_KEY (PRI, UNI, MUL or ""). */
    public record Column(String name, String type, boolean nullable, String defaultValue, String key, String extra,
                         String comment) {
    }

    /** One key part; {@code prefixLength} is SUB_PART (null when the whole column is indexed). */
    public record KeyPart(String column, Integer prefixLength) {
    }

    /** An index with its key parts in order; {@code type} is INDEX_TYPE (BTREE, FULLTEXT, ...). */
    public record Index(String name, boolean unique, String type, List<KeyPart> parts, String comment) {
    }

    /** A table with its columns (in ordinal order) and indexes (by name, PRIMARY first as MySQL sorts it). */
    public record Table(String database, String name, String type, String engine, long approximateRows, String comment,
                        List<Column> columns, List<Index> indexes) {
    }
}
