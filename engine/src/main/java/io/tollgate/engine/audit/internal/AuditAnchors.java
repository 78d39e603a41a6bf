package io.tollgate.engine.audit.internal;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.tollgate.engine.audit.AuditAnchor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Daily anchors: once a day (UTC) is over and every entry written in it is sealed, the chain's head as of that day's
 * last entry (its place and hash) is stored as the day's anchor. Exports covering the day carry it; the
 * verification checks every anchor against the chain. Any node may anchor; the day's primary key keeps one.
 */
@Component
public class AuditAnchors {

    private static final int MAX_DAYS_AT_ONCE = 1000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditAnchors(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Anchors every finished day not anchored yet (from the trail's first day); returns the days anchored now. */
    public List<LocalDate> anchorFinishedDays() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        long todayStarts = micros(start(today));
        Long unsealedBefore = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE entry_hash IS NULL"
                + " AND occurred_at_micros < ?", Long.class, todayStarts);
        if (unsealedBefore != null && unsealedBefore > 0) {
            return List.of(); // the sealer has not caught up with yesterday yet: next time
        }
        Date lastAnchored = jdbc.queryForObject("SELECT MAX(anchor_day) FROM audit_anchor", Date.class);
        LocalDate day;
        if (lastAnchored != null) {
            day = lastAnchored.toLocalDate().plusDays(1);
        } else {
            Long first = jdbc.queryForObject("SELECT MIN(occurred_at_micros) FROM audit_entry", Long.class);
            if (first == null) {
                return List.of();
            }
            day = LocalDate.ofInstant(Instant.EPOCH.plusNanos(first * 1000), ZoneOffset.UTC);
        }
        List<LocalDate> anchored = new ArrayList<>();
        for (; day.isBefore(today) && anchored.size() < MAX_DAYS_AT_ONCE; day = day.plusDays(1)) {
            long ends = micros(start(day.plusDays(1)));
            List<Object[]> head = jdbc.query("SELECT seq, entry_hash FROM audit_entry WHERE seq IS NOT NULL"
                            + " AND occurred_at_micros < ? ORDER BY seq DESC LIMIT 1",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}, ends);
            long seq = head.isEmpty() ? 0 : (Long) head.get(0)[0];
            String hash = head.isEmpty() ? AuditChain.GENESIS : (String) head.get(0)[1];
            try {
                jdbc.update("INSERT INTO audit_anchor (anchor_day, seq, entry_hash, anchored_at_micros)"
                        + " VALUES (?, ?, ?, ?)", Date.valueOf(day), seq, hash, micros(clock.instant()));
                anchored.add(day);
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                // the same day anchored by another node at the same moment: its anchor stands
            }
        }
        return anchored;
    }

    /** The anchors of the days whose end lies in the range ({@code from} exclusive, {@code to} inclusive; null: open). */
    public List<AuditAnchor> endingWithin(Instant from, Instant to) {
        StringBuilder sql = new StringBuilder("SELECT anchor_day, seq, entry_hash FROM audit_anchor WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND anchor_day >= ?");
            args.add(Date.valueOf(LocalDate.ofInstant(from, ZoneOffset.UTC)));
        }
        if (to != null) {
            sql.append(" AND anchor_day < ?");
            args.add(Date.valueOf(LocalDate.ofInstant(to, ZoneOffset.UTC)));
        }
        return jdbc.query(sql + " ORDER BY anchor_day", (rs, n) -> new AuditAnchor(rs.getDate(1).toLocalDate(),
                rs.getLong(2), rs.getString(3)), args.toArray());
    }

    /** The chain's head now (place 0 and the genesis hash when nothing is sealed yet). */
    public AuditAnchor head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1",
                (rs, n) -> new AuditAnchor(null, rs.getLong(1), rs.getString(2)));
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
