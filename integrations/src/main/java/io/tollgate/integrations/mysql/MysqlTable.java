package io.tollgate.integrations.mysql;

import java.util.List;

/**
 * A table as information_schema describes it.
 *
 * @param approximateRows TABLE_ROWS: exact for MyISAM, an estimate for InnoDB
 */
public record MysqlTable(String database, String name, String engine, long approximateRows, List<Column> columns,
                         List<Index> indexes) {

    /** @param type COLUMN_TYPE, e.g. {@code varchar(64)} or {@code bigint(20) unsigned} */
    public record Column(String name, String type, boolean nullable) {
    }

    /** @param columns the key parts in order */
    public record Index(String name, boolean unique, List<String> columns) {
    }
}
