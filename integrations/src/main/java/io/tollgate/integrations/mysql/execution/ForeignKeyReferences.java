package io.tollgate.integrations.mysql.execution;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The foreign keys through which the server changes rows that a statement does not name: {@code ON DELETE CASCADE},
 * {@code SET NULL} or {@code SET DEFAULT} when a referenced row is deleted, {@code ON UPDATE SET NULL} or
 * {@code SET DEFAULT} when a referenced column changes. Those rows get no before-image, so a statement that would
 * change any of them is refused before it runs, and a rollback line that would is a conflict (ADR 0037). An
 * {@code ON UPDATE CASCADE} is left alone: the inverse UPDATE cascades back exactly. Read from
 * {@code information_schema} once per table and run ({@link Known}), across all schemas of the server.
 */
final class ForeignKeyReferences {

    /** What a statement does to the referenced rows. */
    enum Change { DELETE, UPDATE }

    private static final List<String> CHANGING_RULES = List.of("CASCADE", "SET NULL", "SET DEFAULT");

    /**
     * One foreign key of {@code schema.table} that references the table in question.
     *
     * @param columns           the referencing table's columns, in key order
     * @param referencedColumns the referenced table's columns they point at, in the same order
     */
    record Reference(String schema, String table, String constraint, List<String> columns,
                     List<String> referencedColumns, String deleteRule, String updateRule) {

        Reference {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        /** Whether {@code change} of a referenced row makes the server change the rows that point at it. */
        boolean changesReferencingRows(Change change, Collection<String> changedColumns) {
            if (change == Change.DELETE) {
                return CHANGING_RULES.contains(deleteRule);
            }
            return !"CASCADE".equals(updateRule) && CHANGING_RULES.contains(updateRule)
                    && referencedColumns.stream().anyMatch(r -> changedColumns.stream().anyMatch(r::equalsIgnoreCase));
        }

        /** For people: what the server would do, e.g. "would delete rows of `shop`.`items` (foreign key fk_order, ON DELETE CASCADE)". */
        String consequence(Change change) {
            String rule = change == Change.DELETE ? deleteRule : updateRule;
            String verb = switch (rule) {
                case "CASCADE" -> "delete";
                case "SET NULL" -> "set to NULL the referencing columns of";
                default -> "set to their default the referencing columns of";
            };
            return "would " + verb + " rows of " + DmlChange.quote(schema) + "." + DmlChange.quote(table)
                    + " that reference it (foreign key " + constraint + ", ON " + change + " " + rule + ")";
        }
    }

    /** The references read during one run, by referenced table: each table is read once. */
    static final class Known {
        private final Map<String, List<Reference>> byTable = new HashMap<>();

        List<Reference> of(Connection c, String schema, String table) throws SQLException {
            String key = schema + "." + table;
            List<Reference> known = byTable.get(key);
            if (known == null) {
                known = read(c, schema, table);
                byTable.put(key, known);
            }
            return known;
        }

        /** A DDL may have added or dropped foreign keys. */
        void forget() {
            byTable.clear();
        }
    }

    private ForeignKeyReferences() {
    }

    /** The foreign keys, in any schema, that reference {@code schema.table} and change rows on a delete or update. */
    static List<Reference> read(Connection c, String schema, String table) throws SQLException {
        Map<String, Reference> byConstraint = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.CONSTRAINT_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME,"
                + " k.COLUMN_NAME, k.REFERENCED_COLUMN_NAME, r.DELETE_RULE, r.UPDATE_RULE"
                + " FROM information_schema.REFERENTIAL_CONSTRAINTS r JOIN information_schema.KEY_COLUMN_USAGE k"
                + " ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.TABLE_NAME = r.TABLE_NAME"
                + " AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME"
                + " WHERE r.UNIQUE_CONSTRAINT_SCHEMA = ? AND r.REFERENCED_TABLE_NAME = ?"
                + " AND k.REFERENCED_TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME = ?"
                + " AND (r.DELETE_RULE IN ('CASCADE', 'SET NULL', 'SET DEFAULT')"
                + " OR r.UPDATE_RULE IN ('SET NULL', 'SET DEFAULT'))"
                + " ORDER BY k.CONSTRAINT_SCHEMA, k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, schema);
            ps.setString(4, table);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, List<String>[]> columns = new HashMap<>();
                while (rs.next()) {
                    String key = rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3);
                    @SuppressWarnings("unchecked")
                    List<String>[] pair = columns.computeIfAbsent(key, k -> new List[] {new ArrayList<>(), new ArrayList<>()});
                    pair[0].add(rs.getString(4));
                    pair[1].add(rs.getString(5));
                    byConstraint.put(key, new Reference(rs.getString(1), rs.getString(2), rs.getString(3), pair[0],
                            pair[1], upper(rs.getString(6)), upper(rs.getString(7))));
                }
            }
        }
        return List.copyOf(byConstraint.values());
    }

    /**
     * The first of {@code references} through which {@code change} of the rows that {@code rowsSql} selects would
     * make the server change other rows, said for people; empty when none would. {@code rowsSql} is a
     * {@code FROM ... WHERE ...} clause over the referenced table (the statement's own, or a rollback line's key);
     * it is read in the caller's transaction, after the rows were locked.
     */
    static Optional<String> changedThrough(Connection c, List<Reference> references, Change change,
                                           Collection<String> changedColumns, String rowsSql) throws SQLException {
        for (Reference r : references) {
            if (!r.changesReferencingRows(change, changedColumns)) {
                continue;
            }
            String referencing = "(" + String.join(", ", r.columns().stream().map(x -> "ch." + DmlChange.quote(x)).toList()) + ")";
            String referenced = String.join(", ", r.referencedColumns().stream().map(DmlChange::quote).toList());
            String select = "SELECT 1 FROM " + DmlChange.quote(r.schema()) + "." + DmlChange.quote(r.table()) + " ch WHERE "
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
