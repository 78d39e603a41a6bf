package io.tollgate.engine.review.internal;

import io.tollgate.engine.review.internal.statement.TargetMetadata;
import io.tollgate.integrations.mysql.MysqlForeignKeys;
import io.tollgate.integrations.mysql.MysqlRoutines;
import io.tollgate.integrations.mysql.MysqlTriggers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An in-memory target for unit tests and the benchmark: a fixed schema, EXPLAIN answering from the
 * table's size, COUNT(*) answering a fixed number. Stands in for the warmed metadata cache.
 */
public final class FixedTargetMetadata implements TargetMetadata {

    static final long COUNT = 3;

    private final Map<String, Table> tables = new HashMap<>();
    private List<String> textModes = List.of();

    FixedTargetMetadata add(Table table) {
        tables.put(key(table.database(), table.name()), table);
        return this;
    }

    /**
     * Database {@code shop} with a small {@code users} and a large {@code orders} table, {@code people}, whose
     * other columns the account may not read, {@code visits}, a MyISAM table, and {@code documents}, of 8 KB rows
     * (EXPLAIN estimates 50,000 rows unless the WHERE names an id).
     */
    public static FixedTargetMetadata shop() {
        return new FixedTargetMetadata()
                .add(new Table("shop", "users", "InnoDB", 5_000, List.of(
                        new Column("id", "bigint(20) unsigned", false),
                        new Column("name", "varchar(64)", false),
                        new Column("email", "varchar(128)", false),
                        new Column("bio", "text", true)), List.of(
                        new Index("PRIMARY", true, List.of("id")),
                        new Index("idx_name", false, List.of("name")),
                        new Index("uniq_email", true, List.of("email")))))
                .add(new Table("shop", "orders", "InnoDB", 5_000_000, List.of(
                        new Column("id", "bigint(20) unsigned", false),
                        new Column("user_id", "bigint(20) unsigned", false),
                        new Column("amount", "decimal(10,2)", false),
                        new Column("status", "tinyint(4)", false)), List.of(
                        new Index("PRIMARY", true, List.of("id")),
                        new Index("idx_user_id", false, List.of("user_id")))))
                .add(new Table("shop", "people", "InnoDB", 100, List.of(
                        new Column("id", "bigint(20) unsigned", false),
                        new Column("city", "varchar(64)", true)), List.of(
                        new Index("PRIMARY", true, List.of("id")))))
                .add(new Table("shop", "visits", "MyISAM", 100, List.of(
                        new Column("id", "bigint(20) unsigned", false),
                        new Column("hits", "int(11)", false)), List.of(
                        new Index("PRIMARY", true, List.of("id")))))
                .add(new Table("shop", "documents", "InnoDB", 5_000_000, List.of(
                        new Column("id", "bigint(20) unsigned", false),
                        new Column("title", "varchar(200)", false),
                        new Column("body", "mediumtext", false)), List.of(
                        new Index("PRIMARY", true, List.of("id"))), 8_000));
    }

    /** The same tables, on a server whose sql_mode reads SQL in another dialect (ADR 0046). */
    FixedTargetMetadata readingOtherwise() {
        FixedTargetMetadata other = new FixedTargetMetadata();
        other.tables.putAll(tables);
        other.textModes = List.of("NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "PIPES_AS_CONCAT", "HIGH_NOT_PRECEDENCE");
        return other;
    }

    @Override
    public List<String> textModes() {
        return textModes;
    }

    private static String key(String database, String table) {
        return (database + "." + table).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean databaseExists(String database) {
        String prefix = database.toLowerCase(Locale.ROOT) + ".";
        return tables.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    @Override
    public Optional<Table> table(String database, String table) {
        return Optional.ofNullable(tables.get(key(database, table)));
    }

    @Override
    public Explain explain(String database, String selectSql) {
        String sql = selectSql;
        if (sql.contains("no_such_col")) {
            return new Explain(-1, "Unknown column 'no_such_col' in 'where clause'");
        }
        return new Explain(sql.contains("orders") ? 2_000_000 : sql.contains("documents") && !sql.contains("id =")
                ? 50_000 : 10, null);
    }

    @Override
    public OptionalLong count(String database, String countSql) {
        return OptionalLong.of(COUNT);
    }

    /** {@code shop.orders.user_id} references {@code shop.users.id} with ON DELETE CASCADE. */
    @Override
    public List<MysqlForeignKeys.Reference> rowChangingReferences(String database, String table) {
        return key(database, table).equals("shop.users")
                ? List.of(new MysqlForeignKeys.Reference("shop", "orders", "fk_orders_user", List.of("user_id"),
                List.of("id"), "CASCADE", "RESTRICT"))
                : List.of();
    }

    /** The account may read only some columns of {@code shop.people}. */
    @Override
    public boolean hidesColumns(String database, String table) {
        return key(database, table).equals("shop.people");
    }

    /** {@code shop.next_order_no} is a stored function; nothing else is. */
    @Override
    public java.util.Set<String> storedFunctions(String database, List<MysqlRoutines.Call> calls) {
        return calls.stream().map(c -> c.key(database)).filter("shop.next_order_no"::equals)
                .collect(java.util.stream.Collectors.toSet());
    }

    /**
     * {@code shop.orders}: an AFTER DELETE trigger that deletes rows of another table and an AFTER INSERT trigger
     * that only inserts an audit row; {@code shop.users} has none.
     */
    @Override
    public List<MysqlTriggers.Trigger> triggers(String database, String table) {
        return key(database, table).equals("shop.orders")
                ? List.of(new MysqlTriggers.Trigger("orders_cleanup", "AFTER", MysqlTriggers.Event.DELETE,
                        "DELETE FROM order_items WHERE order_id = OLD.id"),
                new MysqlTriggers.Trigger("orders_audit", "AFTER", MysqlTriggers.Event.INSERT,
                        "INSERT INTO audit (what) VALUES (NEW.id)"))
                : List.of();
    }
}
