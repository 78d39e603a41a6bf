package io.tollgate.integrations.mysql;

import static io.tollgate.integrations.mysql.MysqlIdentifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The foreign keys through which the server changes rows that a statement does not name: {@code ON DELETE CASCADE},
 * {@code SET NULL} or {@code SET DEFAULT} when a referenced row is deleted, {@code ON UPDATE CASCADE}, {@code SET NULL}
 * or {@code SET DEFAULT} when a referenced column changes. Those rows get no before-image, so the executor refuses a
 * statement that would change any of them, a rollback line that would is a conflict, and the review warns of such a
 * table up front (ADR 0037). That includes {@code ON UPDATE CASCADE}: its inverse does not cascade back exactly (a
 * referencing value that matched under the collation, 'C4' for 'c4', comes back as the referenced one; rows added
 * since that point at the new value are moved back too), and a cascade goes on through the referencing table's own
 * foreign keys, to a {@code SET NULL} further down. Read once per table and run ({@link #perTable}), in every schema
 * of the server.
 */
public final class MysqlForeignKeys {

    /** What a statement does to the referenced rows. */
    public enum Change { DELETE, UPDATE }

    private static final List<String> CHANGING_RULES = List.of("CASCADE", "SET NULL", "SET DEFAULT");

    /**
     * One foreign key of {@code schema.table} that references the table in question.
     *
     * @param columns           the referencing table's columns, in key order
     * @param referencedColumns the referenced table's columns they point at, in the same order
     */
    public record Reference(String schema, String table, String constraint, List<String> columns,
                            List<String> referencedColumns, String deleteRule, String updateRule) {

        public Reference {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        /**
         * The foreign keys referencing the table that the account cannot see: their rules, what they reference and
         * where they are unknown, so each change they may follow counts (fail closed).
         *
         * @param why why they are hidden, for people
         */
        static Reference unseen(String deleteRule, String updateRule, String why) {
            return new Reference(null, null, why, List.of(), List.of(), deleteRule, updateRule);
        }

        /** Whether this stands for foreign keys the account cannot see ({@link #unseen}). */
        public boolean isUnseen() {
            return schema == null;
        }

        /** Whether {@code change} of a referenced row makes the server change the rows that point at it. */
        public boolean changesReferencingRows(Change change, Collection<String> changedColumns) {
            if (change == Change.DELETE) {
                return CHANGING_RULES.contains(deleteRule);
            }
            if (isUnseen()) {
                return CHANGING_RULES.contains(updateRule); // which columns they reference is unknown
            }
            return CHANGING_RULES.contains(updateRule)
                    && referencedColumns.stream().anyMatch(r -> changedColumns.stream().anyMatch(r::equalsIgnoreCase));
        }

        /**
         * For people: what the server would do, e.g. "would delete the rows of `shop`.`items` that point at them
         * (foreign key fk_order, ON DELETE CASCADE)".
         */
        public String consequence(Change change) {
            if (isUnseen()) {
                return UNSEEN + " the instance's account cannot see (" + constraint + ")";
            }
            String rule = change == Change.DELETE ? deleteRule : updateRule;
            String verb = switch (rule) {
                case "CASCADE" -> change == Change.DELETE ? "delete" : "update the referencing columns of";
                case "SET NULL" -> "set to NULL the referencing columns of";
                default -> "set to their default the referencing columns of";
            };
            return "would " + verb + " the rows of " + quote(schema) + "." + quote(table)
                    + " that point at them (foreign key " + constraint + ", ON " + change + " " + rule + ")";
        }
    }

    /** The references read during one run, by referenced table: each table is read once. */
    public static PerTable<Reference> perTable() {
        return new PerTable<>(MysqlForeignKeys::read);
    }

    private MysqlForeignKeys() {
    }

    /**
     * The foreign keys, in any schema, that reference {@code schema.table} and change rows on a delete or update.
     * {@code information_schema.REFERENTIAL_CONSTRAINTS} opens the definition of every table on a MariaDB server
     * (0.14 s with 2,000 tables), so InnoDB's own list of foreign keys is asked first where it can answer "none" for
     * sure (the names need no encoding, the user may read it); anything else reads {@code information_schema}.
     */
    public static List<Reference> read(Connection c, String schema, String table) throws SQLException {
        Counted dictionary = innodbDictionary(c, schema, table);
        if (dictionary != null && dictionary.onDelete == 0 && dictionary.onUpdate == 0) {
            return List.of();
        }
        List<Reference> listed = listed(c, schema, table);
        Reference unseen = unseen(c, dictionary, listed);
        if (unseen == null) {
            return listed;
        }
        List<Reference> all = new ArrayList<>(listed);
        all.add(unseen);
        return List.copyOf(all);
    }

    /** How a change's consequence through foreign keys the account cannot see begins. */
    public static final String UNSEEN = "may change rows that point at them through a foreign key";

    /**
     * information_schema shows an account only the tables it holds some privilege on, so a foreign key in another
     * schema can be missing from {@link #listed} while the server still follows it. With InnoDB's own list (PROCESS
     * privilege), more keys there than listed are unseen ones; without it, an account whose grants do not reach every
     * schema may miss some: on a DELETE (an ON UPDATE rule needs the list, as which columns are referenced is
     * unknown). Null when nothing can be hidden.
     */
    private static Reference unseen(Connection c, Counted dictionary, List<Reference> listed) throws SQLException {
        if (dictionary != null) {
            long onDelete = listed.stream().filter(r -> CHANGING_RULES.contains(r.deleteRule())).count();
            long onUpdate = listed.stream().filter(r -> CHANGING_RULES.contains(r.updateRule())).count();
            if (dictionary.onDelete <= onDelete && dictionary.onUpdate <= onUpdate) {
                return null;
            }
            return Reference.unseen(dictionary.onDelete > onDelete ? "CASCADE" : "",
                    dictionary.onUpdate > onUpdate ? "SET NULL" : "", "InnoDB counts more foreign keys referencing"
                            + " the table than information_schema shows the account: grant it SELECT on the schemas"
                            + " of the referencing tables");
        }
        return seesEverySchema(c) ? null : Reference.unseen("CASCADE", "", "the account lacks the PROCESS privilege"
                + " to read InnoDB's list of foreign keys and sees only some schemas: grant it PROCESS");
    }

    /** Whether a global grant lets information_schema show the account every table. */
    private static boolean seesEverySchema(Connection c) throws SQLException {
        Optional<List<String>> grants = MysqlGrants.read(c);
        return grants.isEmpty() || globalTablePrivilege(grants.get());
    }

    /** Privileges on tables: information_schema shows an account a table it holds any of them on. */
    private static final Set<String> TABLE_PRIVILEGES = Set.of("ALL", "ALL PRIVILEGES", "SELECT", "INSERT", "UPDATE",
            "DELETE", "CREATE", "DROP", "ALTER", "INDEX", "REFERENCES", "TRIGGER", "CREATE VIEW", "SHOW VIEW");

    /**
     * Whether one of these {@code SHOW GRANTS} lines gives a privilege on tables globally ({@code ON *.*}): then
     * information_schema shows the account every table. PROCESS or replication on {@code *.*} shows none.
     */
    static boolean globalTablePrivilege(List<String> grants) {
        return MysqlGrants.parse(grants).stream().anyMatch(g -> g.global() && g.gives(TABLE_PRIVILEGES));
    }

    /** The row-changing foreign keys referencing the table that information_schema shows the account. */
    private static List<Reference> listed(Connection c, String schema, String table) throws SQLException {
        List<Reference> references = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME,"
                + " DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS"
                + " WHERE UNIQUE_CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?"
                + " AND (DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')"
                + " OR UPDATE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT'))"
                + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    references.add(new Reference(rs.getString(1), rs.getString(2), rs.getString(3), List.of(),
                            List.of(), upper(rs.getString(4)), upper(rs.getString(5))));
                }
            }
        }
        List<Reference> withColumns = new ArrayList<>();
        for (Reference r : references) {
            List<String> columns = new ArrayList<>();
            List<String> referenced = new ArrayList<>();
            // a lookup by the referencing table itself: information_schema opens that table only
            try (PreparedStatement ps = c.prepareStatement("SELECT COLUMN_NAME, REFERENCED_COLUMN_NAME"
                    + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                    + " AND CONSTRAINT_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL ORDER BY ORDINAL_POSITION")) {
                ps.setString(1, r.schema());
                ps.setString(2, r.table());
                ps.setString(3, r.constraint());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                        referenced.add(rs.getString(2));
                    }
                }
            }
            withColumns.add(new Reference(r.schema(), r.table(), r.constraint(), columns, referenced, r.deleteRule(),
                    r.updateRule()));
        }
        return List.copyOf(withColumns);
    }

    /**
     * InnoDB's types of keys that change referencing rows: ON DELETE CASCADE 1, SET NULL 2; ON UPDATE CASCADE 4,
     * SET NULL 8.
     */
    private static final int ON_DELETE = 1 | 2;
    private static final int ON_UPDATE = 4 | 8;
    private static final int CHANGING_TYPES = ON_DELETE | ON_UPDATE;

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_]+");

    /** How many foreign keys InnoDB knows that change referencing rows on a delete, and on an update. */
    private record Counted(long onDelete, long onUpdate) {
    }

    /**
     * What InnoDB's own list of foreign keys (MariaDB's {@code INNODB_SYS_FOREIGN}, MySQL's {@code INNODB_FOREIGN})
     * counts for the table, whatever the account's privileges on the referencing tables. It names tables
     * {@code schema/table} in its file-name encoding, which is the name itself for letters, digits and underscores
     * only, and compares without case (a name that differs in case only may count one more, which refuses, never
     * lets through). Null when it cannot tell: other names, no PROCESS privilege.
     */
    private static Counted innodbDictionary(Connection c, String schema, String table) throws SQLException {
        if (!PLAIN_NAME.matcher(schema).matches() || !PLAIN_NAME.matcher(table).matches()) {
            return null;
        }
        String list = c.getMetaData().getDatabaseProductVersion().contains("MariaDB") ? "INNODB_SYS_FOREIGN"
                : "INNODB_FOREIGN";
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM((TYPE & " + ON_DELETE + ") <> 0), 0),"
                + " COALESCE(SUM((TYPE & " + ON_UPDATE + ") <> 0), 0) FROM information_schema." + list
                + " WHERE REF_NAME = ? AND (TYPE & " + CHANGING_TYPES + ") <> 0")) {
            ps.setString(1, schema + "/" + table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Counted(rs.getLong(1), rs.getLong(2)) : null;
            }
        } catch (SQLException cannotTell) {
            return null;
        }
    }

    /**
     * The first of {@code references} through which {@code change} of the rows that {@code rowsSql} selects would
     * make the server change other rows, said for people; empty when none would. {@code rowsSql} is a
     * {@code FROM ... WHERE ...} clause over the referenced table (the statement's own, or a rollback line's key);
     * it is read in the caller's transaction, after the rows were locked.
     */
    public static Optional<String> changedThrough(Connection c, List<Reference> references, Change change,
                                                  Collection<String> changedColumns, String rowsSql)
            throws SQLException {
        for (Reference r : references) {
            if (!r.changesReferencingRows(change, changedColumns)) {
                continue;
            }
            if (r.isUnseen()) {
                return Optional.of(r.consequence(change)); // which rows point at them cannot be read
            }
            String referencing = "(" + String.join(", ", r.columns().stream().map(x -> "ch." + quote(x)).toList())
                    + ")";
            String referenced = String.join(", ", r.referencedColumns().stream().map(MysqlIdentifiers::quote).toList());
            String select = "SELECT 1 FROM " + quote(r.schema()) + "." + quote(r.table()) + " ch WHERE "
                    + referencing + " IN (SELECT " + referenced + " " + rowsSql + ") LIMIT 1";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
                if (rs.next()) {
                    return Optional.of(r.consequence(change));
                }
            }
        }
        return Optional.empty();
    }

    private static String upper(String rule) {
        return rule == null ? "" : rule.toUpperCase(Locale.ROOT);
    }
}
