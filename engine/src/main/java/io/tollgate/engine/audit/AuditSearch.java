package io.tollgate.engine.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.audit.internal.AuditRows;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pages through the whole trail, newest first, under an {@link AuditFilter}: each filter has an index ending in the
 * id, so a page walks one index backwards and stops after the page. Paging is by {@code before} (the last id seen,
 * for clients) or by offset (for the lazy grid, as a deferred join: the offset is skipped in the index, the entries
 * are read for one page only). There is no exact count: {@link #countUpTo} stops counting at its cap.
 */
@Component
public class AuditSearch {

    private static final String E_COLUMNS = "e." + AuditRows.COLUMNS.replace(", ", ", e.");

    /**
     * How many of the newest ids a free-text search on MySQL/MariaDB counts its matches in with {@code LIKE}, to tell
     * a frequent text (the {@code LIKE} scan fills its page early) from a rare one (the FULLTEXT index finds it), and
     * up to how many ids a search (a time range makes an id range) is left to the {@code LIKE} scan alone.
     */
    private volatile long freeTextProbe = 10_000;
    private volatile long freeTextScanLimit = 200_000;
    /** Above this many matches expected over the range, the index (which reads all of them) loses to the scan. */
    static final long INDEX_MAX_MATCHES = 20_000;

    private final JdbcTemplate jdbc;
    private final Permissions permissions;
    private volatile Boolean fullTextIndexed;

    AuditSearch(JdbcTemplate jdbc, Permissions permissions) {
        this.jdbc = jdbc;
        this.permissions = permissions;
    }

    /** A page of entries, newest first: those older than {@code beforeId} (when set), after skipping {@code offset}. */
    public List<AuditEntry> page(String reader, AuditFilter filter, Long beforeId, int offset, int limit) {
        permissions.require(reader, Permission.READ_HISTORY);
        return page(filter, beforeId, offset, limit);
    }

    List<AuditEntry> page(AuditFilter filter, Long beforeId, int offset, int limit) {
        if (limit < 1 || limit > AuditTrail.MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + AuditTrail.MAX_PAGE + ", not "
                    + limit);
        }
        if (offset < 0) {
            throw new InvalidRequestException("offset", "offset must not be negative");
        }
        IdRange ids = ids(filter);
        FreeText text = freeText(filter, beforeId, ids);
        if (text != null) {
            return page(where(filter, beforeId, null, ids), text.from(), offset, limit, text.query(), text.query());
        }
        return page(where(filter, beforeId, null, ids), "audit_entry", offset, limit);
    }

    private List<AuditEntry> page(Where where, String from, int offset, int limit, Object... fromArgs) {
        List<Object> args = new ArrayList<>(List.of(fromArgs));
        args.addAll(where.args());
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT " + E_COLUMNS + " FROM audit_entry e JOIN (SELECT audit_entry.id FROM " + from
                        + where.sql() + " ORDER BY audit_entry.id DESC LIMIT ? OFFSET ?) k ON k.id = e.id"
                        + " ORDER BY e.id DESC", (rs, n) -> AuditRows.entry(rs), args.toArray());
    }

    /**
     * The newest {@code limit} entries about one subject (its type and id), newest first, whoever asks: for the
     * use cases that have already checked the reader may read that subject (a change's timeline, say).
     */
    public List<AuditEntry> aboutSubject(String subjectType, String subjectId, int limit) {
        if (limit < 1 || limit > AuditTrail.MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + AuditTrail.MAX_PAGE + ", not "
                    + limit);
        }
        return jdbc.query("SELECT " + AuditRows.COLUMNS + " FROM audit_entry WHERE subject_type = ? AND subject_id = ?"
                + " ORDER BY id DESC LIMIT ?", (rs, n) -> AuditRows.entry(rs), subjectType, subjectId, limit);
    }

    /** How many entries the filter matches, counting no further than {@code cap} (so a million costs nothing). */
    public long countUpTo(String reader, AuditFilter filter, int cap) {
        permissions.require(reader, Permission.READ_HISTORY);
        IdRange ids = ids(filter);
        FreeText text = freeText(filter, null, ids);
        if (text != null) {
            return count(where(filter, null, null, ids), text.from(), cap, text.query(), text.query());
        }
        return count(where(filter, null, null, ids), "audit_entry", cap);
    }

    private long count(Where where, String from, int cap, Object... fromArgs) {
        List<Object> args = new ArrayList<>(List.of(fromArgs));
        args.addAll(where.args());
        args.add(cap);
        return jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT audit_entry.id FROM " + from + where.sql()
                + " LIMIT ?) capped", Long.class, args.toArray());
    }

    /**
     * A free-text search the FULLTEXT indexes can answer (MySQL/MariaDB, a word of 3 characters or more, more ids to
     * look through than the scan limit, few matches expected from those among the newest ids), or null: then it is the {@code LIKE} scan alone, as on H2. {@code from} joins the
     * entries whose summary or payload, or whose ticket's SQL, has the chosen word (or a word starting so);
     * the {@code LIKE} conditions still apply, so what is found is what the scan finds, among those words.
     */
    private FreeText freeText(AuditFilter filter, Long beforeId, IdRange ids) {
        if (filter.text() == null || !fullTextIndexed()) {
            return null;
        }
        String query = booleanQuery(filter.text());
        if (query == null) {
            return null;
        }
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM audit_entry", Long.class);
        long high = max == null ? 0 : max;
        long low = 0;
        if (ids != null) {
            high = Math.min(high, ids.high());
            low = ids.low();
        }
        if (beforeId != null) {
            high = Math.min(high, beforeId - 1);
        }
        if (high - low <= freeTextScanLimit) {
            return null;
        }
        IdRange probe = new IdRange(Math.max(low, high - freeTextProbe + 1), high);
        long probed = Math.max(1, probe.high() - probe.low() + 1);
        long found = probe.low() > probe.high() ? 0 : count(where(filter, beforeId, null, probe), "audit_entry",
                (int) probed);
        if (found * ((high - low) / probed) > INDEX_MAX_MATCHES) {
            return null; // frequent: the scan newest first fills a page (or reaches a count's cap) early
        }
        return new FreeText(query,
                "(SELECT id AS text_id FROM audit_entry WHERE MATCH (summary, payload) AGAINST (? IN BOOLEAN MODE)"
                        + " UNION SELECT a.id FROM sql_ticket t JOIN audit_entry a ON a.subject_type = 'ticket'"
                        + " AND a.subject_id = t.ticket_id WHERE MATCH (t.sql_text) AGAINST (? IN BOOLEAN MODE)) m"
                        + " JOIN audit_entry ON audit_entry.id = m.text_id");
    }

    /** For tests on a few entries: the probe's size and the largest id range left to the scan alone. */
    void freeTextLimits(long probe, long scanLimit) {
        freeTextProbe = probe;
        freeTextScanLimit = scanLimit;
    }

    /** What a free text becomes with the FULLTEXT indexes: its boolean query and the joined source. */
    record FreeText(String query, String from) {
    }

    /** InnoDB's default stopwords: a FULLTEXT index does not hold them, so a search must not require them. */
    private static final java.util.Set<String> STOPWORDS = java.util.Set.of("a", "about", "an", "are", "as", "at",
            "be", "by", "com", "de", "en", "for", "from", "how", "i", "in", "is", "it", "la", "of", "on", "or", "that",
            "the", "this", "to", "was", "what", "when", "where", "who", "will", "with", "und", "www");
    static final int MIN_WORD = 3;
    static final int MAX_WORD = 84;

    /**
     * The free text as a boolean-mode query requiring one word of it as a word or a word's beginning
     * ({@code +word*}): the one most likely to be rare (an identifier or a number, with a digit or an underscore,
     * else the longest), since the index reads every entry holding each word it is given and the {@code LIKE}
     * checks the whole text anyway. Words the index does not hold (shorter than {@value #MIN_WORD}, stopwords) are
     * never chosen. Null when no word is left.
     */
    static String booleanQuery(String text) {
        String best = null;
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+")) {
            int length = word.codePointCount(0, word.length());
            if (length >= MIN_WORD && length <= MAX_WORD && !STOPWORDS.contains(word)
                    && (best == null || rarer(word, best))) {
                best = word;
            }
        }
        return best == null ? null : "+" + best + "*";
    }

    private static boolean rarer(String word, String than) {
        boolean identifier = word.chars().anyMatch(c -> Character.isDigit(c) || c == '_');
        boolean otherIdentifier = than.chars().anyMatch(c -> Character.isDigit(c) || c == '_');
        if (identifier != otherIdentifier) {
            return identifier;
        }
        return word.length() > than.length();
    }

    private boolean fullTextIndexed() {
        Boolean indexed = fullTextIndexed;
        if (indexed == null) {
            String product = jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<String>) c ->
                    c.getMetaData().getDatabaseProductName()).toLowerCase(Locale.ROOT);
            indexed = (product.contains("mysql") || product.contains("mariadb")) && jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.statistics WHERE"
                    + " table_schema = DATABASE() AND table_name = 'audit_entry' AND index_name = 'ix_audit_entry_text'",
                    Long.class) > 0;
            fullTextIndexed = indexed;
        }
        return indexed;
    }

    /** The kinds of entry there are, for a filter's choices. */
    public List<String> kinds(String reader) {
        permissions.require(reader, Permission.READ_HISTORY);
        return jdbc.queryForList("SELECT DISTINCT kind FROM audit_entry ORDER BY kind", String.class);
    }

    /** How far apart an entry's time and its id's order can be (the clock is read just before the insert). */
    static final long SKEW_MICROS = 60_000_000L;

    /** The ids an entry of the filter's time range can have (null: no time range), for the index on the id. */
    record IdRange(long low, long high) {
    }

    /**
     * Turns the time range into an id range, so that a search with a time range walks only that part of the id
     * index (a free-text search in a month then reads a month, not the whole trail). Ids follow time but not exactly
     * (two writers read the clock, then insert): with tF the first time at or after {@code from - skew}, every entry
     * at or after {@code from} has an id at least the smallest id written between tF and {@code max(from, tF) +
     * skew}; symmetrically for {@code to}. Two short index range reads; exact as long as the skew holds.
     */
    IdRange ids(AuditFilter f) {
        if (f.from() == null && f.to() == null) {
            return null;
        }
        long low = 0;
        long high = Long.MAX_VALUE;
        if (f.from() != null) {
            long from = micros(f.from());
            List<Long> first = jdbc.queryForList("SELECT occurred_at_micros FROM audit_entry"
                    + " WHERE occurred_at_micros >= ? ORDER BY occurred_at_micros LIMIT 1", Long.class,
                    from - SKEW_MICROS);
            if (first.isEmpty()) {
                return new IdRange(1, 0);
            }
            Long min = jdbc.queryForObject("SELECT MIN(id) FROM audit_entry WHERE occurred_at_micros >= ?"
                    + " AND occurred_at_micros <= ?", Long.class, first.get(0),
                    Math.max(from, first.get(0)) + SKEW_MICROS);
            low = min == null ? 0 : min;
        }
        if (f.to() != null) {
            long to = micros(f.to());
            List<Long> last = jdbc.queryForList("SELECT occurred_at_micros FROM audit_entry"
                    + " WHERE occurred_at_micros < ? ORDER BY occurred_at_micros DESC LIMIT 1", Long.class,
                    to + SKEW_MICROS);
            if (last.isEmpty()) {
                return new IdRange(1, 0);
            }
            Long max = jdbc.queryForObject("SELECT MAX(id) FROM audit_entry WHERE occurred_at_micros >= ?"
                    + " AND occurred_at_micros <= ?", Long.class, Math.min(to, last.get(0)) - SKEW_MICROS,
                    last.get(0));
            high = max == null ? Long.MAX_VALUE : max;
        }
        return new IdRange(low, high);
    }

    /** The WHERE clause (with a leading space, or empty) and its arguments; {@code upToId} bounds an export. */
    static Where where(AuditFilter f, Long beforeId, Long upToId) {
        return where(f, beforeId, upToId, null);
    }

    static Where where(AuditFilter f, Long beforeId, Long upToId, IdRange ids) {
        List<String> conditions = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (f.from() != null) {
            conditions.add("occurred_at_micros >= ?");
            args.add(micros(f.from()));
        }
        if (f.to() != null) {
            conditions.add("occurred_at_micros < ?");
            args.add(micros(f.to()));
        }
        if (f.actor() != null) {
            conditions.add("actor = ?");
            args.add(f.actor());
        }
        if (f.kind() != null) {
            conditions.add("(kind = ? OR kind LIKE ? ESCAPE '!')");
            args.add(f.kind());
            args.add(escape(f.kind()) + ".%");
        }
        if (f.subject() != null) {
            conditions.add("subject_id = ?");
            args.add(f.subject());
        }
        if (f.instance() != null) {
            conditions.add("instance_name = ?");
            args.add(f.instance());
        }
        if (f.database() != null) {
            conditions.add("database_name = ?");
            args.add(f.database());
        }
        if (f.environment() != null) {
            conditions.add("environment = ?");
            args.add(f.environment());
        }
        if (f.outcome() != null) {
            conditions.add("outcome = ?");
            args.add(f.outcome());
        }
        if (f.text() != null) {
            String like = "%" + escape(f.text().toLowerCase(Locale.ROOT)) + "%";
            conditions.add("(LOWER(summary) LIKE ? ESCAPE '!' OR LOWER(payload) LIKE ? ESCAPE '!'"
                    + " OR (subject_type = 'ticket' AND subject_id IN (SELECT ticket_id FROM sql_ticket"
                    + " WHERE LOWER(sql_text) LIKE ? ESCAPE '!')))");
            args.add(like);
            args.add(like);
            args.add(like);
        }
        if (beforeId != null) {
            conditions.add("id < ?");
            args.add(beforeId);
        }
        if (upToId != null) {
            conditions.add("id <= ?");
            args.add(upToId);
        }
        if (ids != null) {
            conditions.add("id BETWEEN ? AND ?");
            args.add(ids.low());
            args.add(ids.high());
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), args);
    }

    record Where(String sql, List<Object> args) {
    }

    /**
     * A statement whose rows are read as they come: MySQL Connector/J streams only with a fetch size of
     * {@link Integer#MIN_VALUE} (any other size reads the whole result into memory first); H2 pages by itself.
     */
    static PreparedStatement streaming(Connection con, String sql) throws SQLException {
        PreparedStatement ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(con.getMetaData().getURL().startsWith("jdbc:mysql:") ? Integer.MIN_VALUE : 1000);
        return ps;
    }

    /** Microseconds since the epoch, from the seconds (the nanoseconds between overflow past the year 2262). */
    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
