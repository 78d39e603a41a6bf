package io.tollgate.engine.review.internal.statement;

import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the reviewer reads from a target instance. Implementations only ever read (SELECT, SHOW, EXPLAIN on
 * a read-only session) and cache what they read; names are matched case-insensitively.
 */
public interface TargetMetadata extends AutoCloseable {

    boolean databaseExists(String database);

    /** Whether a name that is no base table of {@code database} is a view; false when it cannot be told. */
    default boolean isView(String database, String table) {
        return false;
    }

    Optional<Table> table(String database, String table);

    /** Rows MySQL's optimizer expects a SELECT to examine (EXPLAIN), or an error message MySQL gave for it. */
    Explain explain(String database, String selectSql);

    /** The exact number of rows a {@code SELECT COUNT(*) ...} returns, empty when it could not be run. */
    OptionalLong count(String database, String countSql);

    /**
     * The foreign keys through which deleting or updating rows of the table (its name as stored) would make the
     * server change other rows; empty when there are none or they cannot be read (the executor checks again).
     */
    default List<MysqlForeignKeys.Reference> rowChangingReferences(String database, String table) {
        return List.of();
    }

    /**
     * Which of the calls are stored functions, each as {@code schema.lower-case name} ({@link MysqlRoutines});
     * empty when none are or it cannot be read (the executor checks again).
     */
    default Set<String> storedFunctions(String database, List<MysqlRoutines.Call> calls) {
        return Set.of();
    }

    /**
     * The flags of the target's {@code sql_mode} that read SQL text in another dialect than the review's (ADR 0046),
     * which Tollgate's sessions leave out; empty when there are none.
     */
    default List<String> textModes() {
        return List.of();
    }

    /**
     * Whether the instance's account may not read some columns of the table (its name as stored), which makes the
     * executor refuse it ({@link io.tollgate.integrations.mysql.MysqlColumnAccess}); false when it cannot tell.
     */
    default boolean hidesColumns(String database, String table) {
        return false;
    }

    /** The table's triggers (its name as stored); empty when there are none or they cannot be read. */
    default List<MysqlTriggers.Trigger> triggers(String database, String table) {
        return List.of();
    }

    @Override
    default void close() {
    }

    /** @param averageRowBytes the bytes a row takes on average as stored (AVG_ROW_LENGTH); 0 when unknown */
    record Table(String database, String name, String engine, long approximateRows, List<Column> columns,
                 List<Index> indexes, long averageRowBytes) {

        /** A table whose average row size is unknown. */
        public Table(String database, String name, String engine, long approximateRows, List<Column> columns,
                     List<Index> indexes) {
            this(database, name, engine, approximateRows, columns, indexes, 0);
        }
    }

    /**
     * @param type          the full column type as MySQL shows it, e.g. {@code varchar(64)} or {@code bigint(20) unsigned}
     * @param autoIncrement whether the column is AUTO_INCREMENT
     * @param invisible     whether the column is INVISIBLE: an INSERT without a column list leaves it out
     */
    record Column(String name, String type, boolean nullable, boolean autoIncrement, boolean invisible) {

        /** A visible column. */
        public Column(String name, String type, boolean nullable, boolean autoIncrement) {
            this(name, type, nullable, autoIncrement, false);
        }

        /** A visible column that is not AUTO_INCREMENT. */
        public Column(String name, String type, boolean nullable) {
            this(name, type, nullable, false);
        }
    }

    record Index(String name, boolean unique, List<String> columns) {
    }

    /** @param rows the optimizer's row estimate, or -1 when {@code error} is set */
    record Explain(long rows, String error) {
    }
}
