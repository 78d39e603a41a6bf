package io.tollgate.integrations.mysql;

import static io.tollgate.integrations.mysql.MysqlIdentifiers.quote;

import com.alibaba.druid.sql.dialect.mysql.parser.MySqlLexer;
import com.alibaba.druid.sql.parser.ParserException;
import com.alibaba.druid.sql.parser.Token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The triggers of a table, and what their bodies write beyond the row being changed (ADR 0039). A trigger that
 * updates or deletes rows of other tables (or calls a routine, which may) changes rows that get no before-image: the
 * executor refuses a statement that would fire one, and a rollback line that would is a conflict. A trigger that only
 * inserts elsewhere is run, and the review says that a rollback leaves what it inserted. Writes to the row itself
 * ({@code SET NEW.x}) are in the after-image the executor reads back.
 *
 * <p>Read from {@code information_schema.TRIGGERS} by schema and table, which MariaDB and MySQL answer from that
 * table's definition alone. An account without the TRIGGER privilege on the table still fires its triggers (they run
 * as their definer) but cannot see what they do: MariaDB lists them without their bodies, which count as changing
 * other rows; MySQL lists none, so on MySQL an account whose grants give no TRIGGER on the table gets one
 * {@linkplain Trigger#unseen unseen} trigger per event, which counts the same. Fail closed: what Tollgate cannot read
 * is never taken for harmless.
 */
public final class MysqlTriggers {

    /** The statement that fires a trigger. */
    public enum Event {
        INSERT, UPDATE, DELETE;

        /** The event of the statement that undoes this one: a DELETE undoes an INSERT, and so on. */
        public Event inverse() {
            return switch (this) {
                case INSERT -> DELETE;
                case DELETE -> INSERT;
                case UPDATE -> UPDATE;
            };
        }
    }

    /** What a trigger's body writes beyond the row being changed. */
    public enum Writes {
        /** Nothing but the row being changed (SET NEW.x), checks, SIGNAL, reads into variables. */
        THE_ROW_ONLY,
        /** Also inserts rows into other tables: a rollback does not remove them. */
        INSERTS_ELSEWHERE,
        /** Updates, deletes or replaces rows of other tables, calls a routine, or could not be read: refused. */
        CHANGES_OTHER_ROWS
    }

    /**
     * @param timing         BEFORE or AFTER
     * @param body           the trigger's statement as the server stores it
     * @param storedFunction a stored function the body calls (its name as written), null when it calls none: it may
     *                       change any row
     */
    public record Trigger(String name, String timing, Event event, String body, String storedFunction) {

        /** A trigger whose body calls no stored function. */
        public Trigger(String name, String timing, Event event, String body) {
            this(name, timing, event, body, null);
        }

        /**
         * Whatever triggers {@code event} fires on a table whose triggers the account cannot list (MySQL without the
         * TRIGGER privilege): taken as changing other rows.
         */
        public static Trigger unseen(Event event) {
            return new Trigger(null, null, event, null);
        }

        public Writes writes() {
            return storedFunction != null ? Writes.CHANGES_OTHER_ROWS : classify(body).writes;
        }

        /**
         * For people, e.g. "trigger `trg_order` (AFTER DELETE), which deletes rows of other tables"; what the body
         * does beyond the row, by the first statement found.
         */
        public String describe() {
            if (name == null) {
                return "any " + event + " trigger the table has, which Tollgate cannot see: " + UNREADABLE;
            }
            Classified classified = classify(body);
            return "trigger " + quote(name) + " (" + timing + " " + event + "), which "
                    + (storedFunction != null && classified.writes != Writes.CHANGES_OTHER_ROWS
                    ? "calls the stored function " + storedFunction + "(), which may change any row" : classified.what);
        }
    }

    /** The triggers read during one run, by table: each table is read once. */
    public static PerTable<Trigger> perTable() {
        return new PerTable<>(MysqlTriggers::read);
    }

    private MysqlTriggers() {
    }

    /** Why a trigger Tollgate cannot read or see counts as changing other rows, and what to do about it. */
    private static final String UNREADABLE = "the instance's account lacks the TRIGGER privilege on the table, so"
            + " what the trigger does is hidden from it and it may change any row (grant the account TRIGGER)";

    /**
     * The triggers of {@code schema.table} (names as stored), in the order the server fires them per event; on MySQL,
     * one {@linkplain Trigger#unseen unseen} trigger per event instead when the account's grants hide them.
     */
    public static List<Trigger> read(Connection c, String schema, String table) throws SQLException {
        if (!c.getMetaData().getDatabaseProductVersion().contains("MariaDB") && !seesTriggers(c, schema, table)) {
            return List.of(Trigger.unseen(Event.INSERT), Trigger.unseen(Event.UPDATE), Trigger.unseen(Event.DELETE));
        }
        return listed(c, schema, table);
    }

    /**
     * Whether the account's own grants ({@code SHOW GRANTS}) give it TRIGGER (or ALL) on the table: globally, on
     * the schema (a pattern with {@code _} and {@code %} included) or on the table itself. Privileges held only through
     * a role MySQL does not list there count as missing; a server without privilege checks
     * ({@code --skip-grant-tables}) hides nothing.
     */
    static boolean seesTriggers(Connection c, String schema, String table) throws SQLException {
        Optional<List<String>> grants = MysqlGrants.read(c);
        return grants.isEmpty() || grantsTrigger(grants.get(), schema, table);
    }

    /** Whether one of these {@code SHOW GRANTS} lines gives TRIGGER (or ALL) on {@code schema.table}. */
    static boolean grantsTrigger(List<String> grants, String schema, String table) {
        return MysqlGrants.parse(grants).stream()
                .anyMatch(g -> g.covers(schema, table) && g.gives(Set.of("TRIGGER")));
    }

    private static List<Trigger> listed(Connection c, String schema, String table) throws SQLException {
        List<Trigger> triggers = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TRIGGER_NAME, ACTION_TIMING, EVENT_MANIPULATION,"
                + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ?"
                + " AND EVENT_OBJECT_TABLE = ? ORDER BY EVENT_MANIPULATION, ACTION_TIMING, ACTION_ORDER")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    triggers.add(new Trigger(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT),
                            Event.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)), rs.getString(4)));
                }
            }
        }
        return withStoredFunctions(c, schema, triggers);
    }

    /** The triggers, each with the first stored function its body calls (one look at the routines for all). */
    private static List<Trigger> withStoredFunctions(Connection c, String schema, List<Trigger> triggers)
            throws SQLException {
        Map<Trigger, List<MysqlRoutines.Call>> calls = new java.util.LinkedHashMap<>();
        triggers.forEach(t -> calls.put(t, functionCalls(t.body())));
        List<MysqlRoutines.Call> all = calls.values().stream().flatMap(List::stream).distinct().toList();
        Set<String> stored = all.isEmpty() ? Set.of() : MysqlRoutines.storedFunctions(c, schema, all);
        List<Trigger> result = new ArrayList<>();
        calls.forEach((t, called) -> result.add(new Trigger(t.name(), t.timing(), t.event(), t.body(),
                called.stream().filter(call -> stored.contains(call.key(schema))).map(MysqlRoutines.Call::name)
                        .findFirst().orElse(null))));
        return List.copyOf(result);
    }

    /** The names the body calls as functions ({@code f(} or {@code schema.f(}), built-in ones included. */
    static List<MysqlRoutines.Call> functionCalls(String body) {
        List<MysqlRoutines.Call> calls = new ArrayList<>();
        if (body == null) {
            return calls; // unreadable: it counts as changing other rows anyway (classify)
        }
        try {
            MySqlLexer lexer = new MySqlLexer(body);
            lexer.nextToken();
            String qualifier = null;
            while (lexer.token() != Token.EOF) {
                Token token = lexer.token();
                String text = token == Token.IDENTIFIER ? unquote(lexer.stringVal()) : null;
                lexer.nextToken();
                if (text != null && lexer.token() == Token.DOT) {
                    qualifier = text;
                    lexer.nextToken();
                    continue;
                }
                if (text != null && lexer.token() == Token.LPAREN) {
                    calls.add(new MysqlRoutines.Call(qualifier, text));
                }
                qualifier = null;
            }
        } catch (ParserException | IllegalArgumentException | IndexOutOfBoundsException unreadable) {
            // the body counts as changing other rows anyway (classify)
        }
        return calls;
    }

    private static String unquote(String identifier) {
        return identifier.length() >= 2 && identifier.startsWith("`") && identifier.endsWith("`")
                ? identifier.substring(1, identifier.length() - 1).replace("``", "`") : identifier;
    }

    /** The first of {@code triggers} that {@code event} fires and that changes other rows; empty when none does. */
    public static Optional<Trigger> changingOtherRows(List<Trigger> triggers, Event event) {
        return triggers.stream().filter(t -> t.event() == event && t.writes() == Writes.CHANGES_OTHER_ROWS)
                .findFirst();
    }

    private record Classified(Writes writes, String what) {
    }

    /**
     * Reads the body token by token with Druid's MySQL lexer (comments, strings and quoted names are single tokens;
     * Druid's parser rejects bodies with SIGNAL, so it is not used): UPDATE (not after FOR), DELETE, REPLACE and
     * TRUNCATE statements and CALL change other rows; an INSERT statement inserts. INSERT and REPLACE followed by a
     * parenthesis are the string functions. A body the lexer cannot read counts as changing other rows.
     */
    static Classified classify(String body) {
        if (body == null) {
            return new Classified(Writes.CHANGES_OTHER_ROWS, "Tollgate cannot read: " + UNREADABLE);
        }
        Writes writes = Writes.THE_ROW_ONLY;
        String what = "writes only the row it fires for";
        try {
            MySqlLexer lexer = new MySqlLexer(body);
            lexer.nextToken();
            Token previous = null;
            while (lexer.token() != Token.EOF) {
                Token token = lexer.token();
                String word = token == Token.IDENTIFIER ? lexer.stringVal().toUpperCase(Locale.ROOT) : "";
                lexer.nextToken();
                boolean call = lexer.token() == Token.LPAREN;
                String changes = switch (token) {
                    case UPDATE -> previous == Token.FOR ? null : "updates rows of other tables";
                    case DELETE -> "deletes rows of other tables";
                    case TRUNCATE -> "empties another table";
                    case REPLACE -> call ? null : "replaces rows of other tables";
                    default -> "CALL".equals(word) ? "calls a routine, which may change any row" : null;
                };
                if (changes != null) {
                    return new Classified(Writes.CHANGES_OTHER_ROWS, changes);
                }
                if (token == Token.INSERT && !call) {
                    writes = Writes.INSERTS_ELSEWHERE;
                    what = "inserts rows into other tables";
                }
                previous = token;
            }
            return new Classified(writes, what);
        } catch (ParserException | IllegalArgumentException | IndexOutOfBoundsException unreadable) {
            return new Classified(Writes.CHANGES_OTHER_ROWS, "has a body Tollgate cannot read");
        }
    }
}
