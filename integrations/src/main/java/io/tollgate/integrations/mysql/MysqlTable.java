package io.tollgate.integrations.mysql;

import java.util.List;

/**
 * A table as information_schema describes it.
 *
 * @param approximateRows TABLE_ROWS: exact for MyISAM, an estimate for InnoDB
 * @param averageRowBytes AVG_ROW_LENGTH: the bytes a row takes on average as stored (an estimate for InnoDB, pages'
 *                        free space included); 0 when the server does not say
 */
public record MysqlTable(String database, String name, String engine, long approximateRows, List<Column> columns,
                         List<Index> indexes, long averageRowBytes) {

    /**
     * @param type          COLUMN_TYPE, e.g. {@code varchar(64)} or {@code bigint(20) unsigned}
     * @param autoIncrement whether EXTRA says auto_increment
     * @param invisible     whether EXTRA says INVISIBLE: an INSERT without a column list leaves it out
     */
    public record Column(String name, String type, boolean nullable, boolean autoIncrement, boolean invisible) {

        /** A visible column. */
        public Column(String name, String type, boolean nullable, boolean autoIncrement) {
            this(name, type, nullable, autoIncrement, false);
        }

        /** A visible column that is not AUTO_INCREMENT. */
        public Column(String name, String type, boolean nullable) {
            this(name, type, nullable, false);
        }
    }

    /** @param columns the key parts in order */
    public record Index(String name, boolean unique, List<String> columns) {
    }
}
