package io.tollgate.engine.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.audit.internal.AuditChain;
import io.tollgate.engine.audit.internal.AuditFacets;
import io.tollgate.engine.audit.internal.AuditRows;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The one audit trail: {@link #record} appends an entry in the caller's transaction (so it exists exactly when the
 * change it records does), with the actor's roles at that moment and the request's source address; the sealer
 * ({@code internal.AuditSealer}) chains it a moment later. {@link #verify} walks the chain and names the first broken
 * link.
 */
@Component
public class AuditTrail {

    public static final String SYSTEM = "system";
    public static final int MAX_PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final Permissions permissions;
    private final Clock clock;
    private final AuditFacets facets;

    AuditTrail(JdbcTemplate jdbc, Permissions permissions, Clock clock, AuditFacets facets) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.clock = clock;
        this.facets = facets;
    }

    /** Appends the event, in the caller's transaction when there is one. */
    public void record(AuditEvent event) {
        record(event, sourceAddress());
    }

    /** Appends the event with the address the request came from (when the request context does not say). */
    public void record(AuditEvent event, String source) {
        String actor = event.actor() == null ? SYSTEM : event.actor();
        Set<String> roles = new TreeSet<>();
        if (!SYSTEM.equals(actor)) {
            permissions.rolesOf(actor).stream().map(Role::groupId).forEach(roles::add);
        }
        String payload;
        try {
            payload = event.payload().isEmpty() ? null : JSON.writeValueAsString(new java.util.TreeMap<>(event.payload()));
        } catch (JsonProcessingException e) {
            payload = String.valueOf(event.payload());
        }
        AuditFacets.Source about = facets.of(event);
        // values that may be null (a source, a payload): an ArrayList, not List.of
        List<Object> args = new ArrayList<>(java.util.Arrays.asList(
                ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant()), clip(actor, 200),
                clip(String.join(",", roles), 500), clip(source, 100), clip(event.kind(), 60)));
        args.add(clip(event.subjectType(), 30));
        args.add(clip(event.subjectId(), 200));
        args.add(clip(event.summary() == null ? event.kind() : event.summary(), 2000));
        args.add(payload);
        args.addAll(about.columnArgs());
        args.add(AuditFacets.outcome(event.kind()));
        args.addAll(about.fromArgs());
        jdbc.update("INSERT INTO audit_entry (occurred_at_micros, actor, actor_roles, source_address, kind,"
                + " subject_type, subject_id, summary, payload, instance_name, database_name, environment, outcome)"
                + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, " + about.columns() + ", ? FROM " + about.from(), args.toArray());
    }

    /** The newest entries first, {@code limit} at most, for those who read history. */
    @Transactional(readOnly = true)
    public List<AuditEntry> newest(String reader, int limit) {
        permissions.require(reader, Permission.READ_HISTORY);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidRequestException("limit", "limit must be between 1 and " + MAX_PAGE + ", not " + limit);
        }
        return jdbc.query("SELECT " + AuditRows.COLUMNS + " FROM audit_entry ORDER BY id DESC LIMIT ?",
                (rs, n) -> AuditRows.entry(rs), limit);
    }

    /** Walks the whole chain, for those who read history. */
    public AuditVerification verify(String reader) {
        return verify(reader, null);
    }

    /** Walks the whole chain, also against an anchor kept outside Tollgate (from an earlier export), if given. */
    public AuditVerification verify(String reader, AuditAnchor external) {
        permissions.require(reader, Permission.READ_HISTORY);
        return verify(external);
    }

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        return verify((AuditAnchor) null);
    }

    /**
     * Walks the sealed entries in chain order, recomputing each hash: the first entry whose place is missing (a
     * deleted entry), whose previous hash does not match, or whose content no longer gives its hash is named. Each
     * daily anchor (and the external one) must name an entry of the chain with the same hash: a chain cut short
     * after an anchor, or rewritten with new hashes, is found even when its head was rewritten to match.
     */
    @Transactional(readOnly = true)
    public AuditVerification verify(AuditAnchor external) {
        Map<Long, List<AuditAnchor>> anchors = new HashMap<>();
        List<AuditAnchor> all = new ArrayList<>(jdbc.query("SELECT anchor_day, seq, entry_hash FROM audit_anchor",
                (rs, n) -> new AuditAnchor(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getString(3))));
        if (external != null) {
            all.add(external);
        }
        all.stream().filter(a -> a.seq() > 0).forEach(a -> anchors.computeIfAbsent(a.seq(), k -> new ArrayList<>()).add(a));
        // the head first, then the entries up to it: the sealer moves both in one transaction, so every entry up to
        // this head is visible below, and entries sealed meanwhile (beyond it) are left to the next verification;
        // read the other way round, a sealer committing in between made an intact trail look cut short
        var head = jdbc.queryForMap("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
        long headSeq = ((Number) head.get("last_seq")).longValue();
        int[] anchorsChecked = {0};
        long[] checked = {0};
        String[] previous = {AuditChain.GENESIS};
        AuditVerification[] broken = {null};
        jdbc.query(con -> {
            var statement = AuditSearch.streaming(con, "SELECT " + AuditRows.COLUMNS
                    + " FROM audit_entry WHERE seq IS NOT NULL AND seq <= ? ORDER BY seq");
            statement.setLong(1, headSeq);
            return statement;
        }, (RowCallbackHandler) rs -> {
            if (broken[0] != null) {
                return;
            }
            AuditEntry e = AuditRows.entry(rs);
            long micros = rs.getLong("occurred_at_micros");
            long expectedSeq = checked[0] + 1;
            String problem = null;
            if (e.seq() != expectedSeq) {
                problem = "place " + expectedSeq + " is missing: an entry was deleted";
            } else if (!previous[0].equals(e.prevHash())) {
                problem = "its link to the entry before does not match";
            } else if (!AuditChain.hash(e.prevHash(), AuditChain.canonical(e.seq(), e, micros)).equals(e.entryHash())) {
                problem = "its content was changed after it was sealed";
            } else {
                for (AuditAnchor anchor : anchors.getOrDefault(e.seq(), List.of())) {
                    if (!anchor.hash().equals(e.entryHash())) {
                        problem = "its hash is not the one " + anchor.describe() + " recorded: the chain was rewritten";
                        break;
                    }
                    anchorsChecked[0]++;
                }
            }
            if (problem != null) {
                broken[0] = new AuditVerification(false, checked[0], e.id(), e.seq(), problem, 0, previous[0],
                        anchorsChecked[0]);
                return;
            }
            checked[0]++;
            previous[0] = e.entryHash();
        });
        long unsealed = jdbc.queryForObject("SELECT COUNT(*) FROM audit_entry WHERE entry_hash IS NULL", Long.class);
        if (broken[0] != null) {
            return new AuditVerification(false, broken[0].checked(), broken[0].brokenEntryId(), broken[0].brokenSeq(),
                    broken[0].problem(), unsealed, broken[0].headHash(), anchorsChecked[0]);
        }
        var beyond = all.stream().filter(a -> a.seq() > checked[0]).findFirst();
        if (beyond.isPresent()) {
            return new AuditVerification(false, checked[0], null, beyond.get().seq(), "the chain ends at place "
                    + checked[0] + " but " + beyond.get().describe() + " names place " + beyond.get().seq()
                    + ": entries at the end were deleted", unsealed, previous[0], anchorsChecked[0]);
        }
        if (headSeq != checked[0] || !previous[0].equals(head.get("last_hash"))) {
            return new AuditVerification(false, checked[0], null, headSeq, "the chain ends at place " + checked[0]
                    + " but its head says " + headSeq + ": entries at the end were deleted", unsealed, previous[0],
                    anchorsChecked[0]);
        }
        // in one statement, so one view of the head and the entries: the sealer never leaves a place beyond its head
        Long forged = jdbc.queryForObject("SELECT MIN(seq) FROM audit_entry"
                + " WHERE seq > (SELECT last_seq FROM audit_chain_head WHERE id = 1)", Long.class);
        if (forged != null) {
            return new AuditVerification(false, checked[0], null, forged, "place " + forged + " lies beyond the"
                    + " chain's head: an entry was written outside the sealer", unsealed, previous[0],
                    anchorsChecked[0]);
        }
        return new AuditVerification(true, checked[0], null, null, null, unsealed, previous[0], anchorsChecked[0]);
    }

    private static String sourceAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
