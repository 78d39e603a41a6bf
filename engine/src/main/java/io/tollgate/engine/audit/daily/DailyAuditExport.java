package io.tollgate.engine.audit.daily;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tollgate.engine.NodeName;
import io.tollgate.engine.audit.AuditAnchor;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditExport;
import io.tollgate.engine.audit.AuditFilter;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.internal.AuditAnchors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes each finished day of the trail (UTC) to the export folder as JSON Lines: the export's header, the day's
 * entries oldest first with their places and hashes, and the day's anchor, in {@code tollgate-audit-<day>.jsonl}.
 * <p>
 * Only anchored days are exported (a day is anchored once it is over and all its entries are sealed), every such day
 * not exported yet, oldest first: the first run exports the whole history, a node that was down catches up. A day is
 * exported once however many nodes run this: a node claims it by inserting the day's row (the primary key lets one
 * in); a claim not finished within the lease (its node crashed) is taken over by a compare-and-set on the claim. The
 * file is written to a temporary name, forced to disk and renamed into place, so the folder never holds a half day;
 * the claim is marked finished, and the export recorded in the trail ({@code audit.exported-daily}), in one
 * transaction that only the current claimant can commit.
 */
@Component
public class DailyAuditExport {

    public static final String KIND = "audit.exported-daily";
    private static final Logger LOG = LoggerFactory.getLogger(DailyAuditExport.class);

    private final JdbcTemplate jdbc;
    private final AuditAnchors anchors;
    private final AuditExport export;
    private final AuditTrail trail;
    private final TransactionTemplate tx;
    private final DailyExportProperties properties;
    private final Clock clock;
    private final String node;

    @Autowired
    public DailyAuditExport(JdbcTemplate jdbc, AuditAnchors anchors, AuditExport export, AuditTrail trail,
                            PlatformTransactionManager transactions, DailyExportProperties properties, Clock clock) {
        this(jdbc, anchors, export, trail, transactions, properties, clock, NodeName.name());
    }

    /** @param node this node's name, kept with its claims (tests run two "nodes" in one JVM) */
    public DailyAuditExport(JdbcTemplate jdbc, AuditAnchors anchors, AuditExport export, AuditTrail trail,
                            PlatformTransactionManager transactions, DailyExportProperties properties, Clock clock,
                            String node) {
        this.jdbc = jdbc;
        this.anchors = anchors;
        this.export = export;
        this.trail = trail;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
        this.node = node;
    }

    /** The file a day goes to. */
    public static String fileName(LocalDate day) {
        return "tollgate-audit-" + day + ".jsonl";
    }

    /** Exports every anchored day not exported yet (up to the run's limit); returns the days this node exported. */
    public List<LocalDate> exportFinishedDays() {
        if (!properties.enabled()) {
            return List.of();
        }
        anchors.anchorFinishedDays();
        List<LocalDate> due = jdbc.query("SELECT a.anchor_day FROM audit_anchor a LEFT JOIN audit_daily_export x"
                        + " ON x.export_day = a.anchor_day WHERE x.finished_at_micros IS NULL ORDER BY a.anchor_day"
                        + " LIMIT ?", (rs, n) -> rs.getDate(1).toLocalDate(), properties.maxDaysPerRun());
        List<LocalDate> exported = new ArrayList<>();
        for (LocalDate day : due) {
            String claim = claim(day);
            if (claim == null) {
                continue; // another node has it
            }
            try {
                if (write(day, claim)) {
                    exported.add(day);
                }
            } catch (IOException | UncheckedIOException e) {
                // the claim stays unfinished: once its lease is over, this node or another writes the day again
                LOG.warn("The audit trail of {} could not be exported to {}; it is tried again after {}", day,
                        properties.dir(), properties.claimLease(), e);
                return exported;
            }
        }
        return exported;
    }

    /** This node's claim on the day (a token), or null when another node holds a live claim or finished it. */
    private String claim(LocalDate day) {
        String token = UUID.randomUUID().toString();
        long now = micros(clock.instant());
        try {
            jdbc.update("INSERT INTO audit_daily_export (export_day, claimed_by, claim_token, claimed_at_micros)"
                    + " VALUES (?, ?, ?, ?)", Date.valueOf(day), clip(node), token, now);
            return token;
        } catch (DuplicateKeyException claimed) {
            int taken = jdbc.update("UPDATE audit_daily_export SET claimed_by = ?, claim_token = ?,"
                    + " claimed_at_micros = ? WHERE export_day = ? AND finished_at_micros IS NULL"
                    + " AND claimed_at_micros < ?", clip(node), token, now, Date.valueOf(day),
                    now - micros(properties.claimLease()));
            return taken == 1 ? token : null;
        }
    }

    /** Writes the day's file in place and finishes the claim; false when the claim was taken over meanwhile. */
    private boolean write(LocalDate day, String claim) throws IOException {
        Path dir = properties.dir();
        Files.createDirectories(dir);
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        AuditFilter filter = new AuditFilter(from, to, null, null, null, null, null, null, null, null);
        Long upTo = jdbc.queryForObject("SELECT MAX(id) FROM audit_entry", Long.class);
        long upToId = upTo == null ? 0 : upTo;
        Long entries = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE occurred_at_micros >= ?"
                + " AND occurred_at_micros < ? AND id <= ?", Long.class, micros(from), micros(to), upToId);
        String name = fileName(day);
        Path target = dir.resolve(name);
        removeLeftovers(dir, name);
        Path temp = dir.resolve("." + name + "." + claim + ".tmp");
        MessageDigest sha = sha256();
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha);
            export.writeUnrecorded(AuditTrail.SYSTEM, filter, AuditExport.Format.JSONL, upToId, out);
            out.flush();
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String digest = HexFormat.of().formatHex(sha.digest());
        List<AuditAnchor> anchor = anchors.endingWithin(from, to);
        Boolean finished = tx.execute(status -> {
            int mine = jdbc.update("UPDATE audit_daily_export SET finished_at_micros = ?, file_name = ?,"
                    + " entries = ?, file_sha256 = ? WHERE export_day = ? AND claim_token = ?"
                    + " AND finished_at_micros IS NULL", micros(clock.instant()), name, entries, digest,
                    Date.valueOf(day), claim);
            if (mine != 1) {
                return false;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("day", day.toString());
            payload.put("file", name);
            payload.put("entries", entries);
            payload.put("sha256", digest);
            payload.put("upToEntry", upToId);
            payload.put("node", node);
            if (!anchor.isEmpty()) {
                payload.put("anchorSeq", anchor.get(0).seq());
                payload.put("anchorHash", anchor.get(0).hash());
            }
            trail.record(new AuditEvent(KIND, AuditTrail.SYSTEM, "audit", day.toString(), "the trail of " + day
                    + " (" + entries + " entries) was exported to " + name, payload), null);
            return true;
        });
        return Boolean.TRUE.equals(finished);
    }

    /** Temporary files of the day left by a write that did not finish (this node now holds the day's claim). */
    private static void removeLeftovers(Path dir, String name) throws IOException {
        try (DirectoryStream<Path> left = Files.newDirectoryStream(dir, "." + name + ".*.tmp")) {
            for (Path p : left) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static long micros(java.time.Duration duration) {
        return duration.toNanos() / 1000;
    }

    private static String clip(String value) {
        return value.length() <= 100 ? value : value.substring(0, 100);
    }
}
