package io.tollgate.integrations.mysql;

import static io.tollgate.integrations.mysql.MysqlIdentifiers.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stored functions a statement calls (ADR 0040). What a stored function reads and writes is beyond the
 * before-images (its body may change any row, and the images' read evaluates a WHERE a second time), and its
 * declared characteristics are not checked by the server, so the executor refuses a statement that calls one and
 * the review says so. Built-in functions are not routines and are never found here.
 */
public final class MysqlRoutines {

    /**
     * A function a statement calls: its schema when qualified ({@code shop.f()}), else null (the statement's
     * database), and its name.
     */
    public record Call(String schema, String name) {

        /** How {@link #storedFunctions} names it: {@code schema.lower-case name}, the schema defaulting to database. */
        public String key(String database) {
            return (schema == null ? database : schema) + "." + name.toLowerCase(Locale.ROOT);
        }
    }

    /** The answers read during one run, by schema and name: each is asked once. */
    public static final class Known {
        private final Map<String, Boolean> stored = new HashMap<>();

        /** The first of {@code calls} that is a stored function, as {@code `schema`.`name`}; empty when none is. */
        public Optional<String> firstStored(Connection c, String database, Collection<Call> calls) throws SQLException {
            List<Call> unknown = calls.stream().filter(call -> !stored.containsKey(call.key(database))).toList();
            if (!unknown.isEmpty()) {
                Set<String> found = storedFunctions(c, database, unknown);
                unknown.forEach(call -> stored.put(call.key(database), found.contains(call.key(database))));
            }
            return calls.stream().filter(call -> stored.get(call.key(database)))
                    .map(call -> quote(call.schema() == null ? database : call.schema()) + "." + quote(call.name()))
                    .findFirst();
        }
    }

    private MysqlRoutines() {
    }

    /** Which of {@code calls} are stored functions, each as {@code schema.lower-case name}. */
    public static Set<String> storedFunctions(Connection c, String database, Collection<Call> calls)
            throws SQLException {
        Set<String> schemas = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (Call call : calls) {
            String schema = call.schema() == null ? database : call.schema();
            if (schema != null) {
                schemas.add(schema);
                names.add(call.name());
            }
        }
        Set<String> found = new LinkedHashSet<>();
        if (schemas.isEmpty()) {
            return found;
        }
        List<String> parameters = new ArrayList<>(schemas);
        parameters.addAll(names);
        try (PreparedStatement ps = c.prepareStatement("SELECT ROUTINE_SCHEMA, ROUTINE_NAME FROM"
                + " information_schema.ROUTINES WHERE ROUTINE_TYPE = 'FUNCTION' AND ROUTINE_SCHEMA IN ("
                + marks(schemas.size()) + ") AND ROUTINE_NAME IN (" + marks(names.size()) + ")")) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1) + "." + rs.getString(2).toLowerCase(Locale.ROOT));
                }
            }
        }
        return found;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
