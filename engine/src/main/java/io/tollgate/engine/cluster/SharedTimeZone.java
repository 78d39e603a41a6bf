package io.tollgate.engine.cluster;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

import io.tollgate.engine.NodeName;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a node whose JVM runs in another time zone than the nodes that share its database (ADR 0035).
 * Times reach the database through JDBC by the JVM's zone: Camunda's job locks and due dates, the mail outbox's
 * leases, the sign-in throttle, the trail. A node in another zone would read them hours off: take a job another node
 * still holds, send a mail another node is sending, let a throttled address sign in. The first node to start on a
 * database records its zone; every later start, on any node, compares with it. The check runs before the process
 * engine is built (a plugin's {@code preInit}), so before the engine writes anything and long before the node takes a
 * job or serves a request: a refused node fails to start, with a sentence that names both zones and the fix.
 */
@Component
class SharedTimeZone extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(SharedTimeZone.class);
    private static final int THE_ROW = 1;
    private static final int MAX_ATTEMPTS = 5;

    /** What the first node recorded: its zone's id, the node ({@code <host>/<pid>}) and when (ISO-8601, UTC). */
    record Recorded(String zone, String recordedBy, String recordedAt) {
    }

    /** This node's zone is not the recorded one: what is wrong, and what to do (Spring Boot prints both). */
    static final class OtherTimeZoneException extends IllegalStateException {

        private final String description;
        private final String action;

        OtherTimeZoneException(String description, String action) {
            super(description + " " + action);
            this.description = description;
            this.action = action;
        }

        String description() {
            return description;
        }

        String action() {
            return action;
        }
    }

    /** Spring Boot's "APPLICATION FAILED TO START" for a refused zone: the sentence, without a stack trace. */
    static final class Refusal extends AbstractFailureAnalyzer<OtherTimeZoneException> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, OtherTimeZoneException cause) {
            return new FailureAnalysis(cause.description(), cause.action(), cause);
        }
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    SharedTimeZone(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Before the engine is built: it writes times as it starts (a deployment, the history cleanup's job). */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Recorded recorded = join(jdbc, ZoneId.systemDefault(), NodeName.name(), clock.instant());
        LOG.info("This node runs in time zone {}, as the nodes on this database do (recorded by {} at {})",
                ZoneId.systemDefault().getId(), recorded.recordedBy(), recorded.recordedAt());
    }

    /**
     * Records {@code zone} if no node has yet, else checks it against the recorded one.
     *
     * @throws OtherTimeZoneException when the zones' rules differ, or the recorded zone is unknown to this JVM
     */
    static Recorded join(JdbcTemplate jdbc, ZoneId zone, String node, Instant now) {
        Recorded recorded = read(jdbc);
        for (int attempt = 1; recorded == null; attempt++) {
            try {
                jdbc.update("INSERT INTO shared_time_zone (id, zone_id, recorded_by, recorded_at) VALUES (?, ?, ?, ?)",
                        THE_ROW, zone.getId(), node, now.toString());
                return new Recorded(zone.getId(), node, now.toString());
            } catch (DuplicateKeyException anotherNodeFirst) {
                recorded = read(jdbc);
            } catch (ConcurrencyFailureException startedTogether) {
                // InnoDB may answer two first inserts at once with a deadlock instead of a duplicate: look again
                if (attempt == MAX_ATTEMPTS) {
                    throw startedTogether;
                }
                recorded = read(jdbc);
            }
        }
        if (!sameRules(zone, recorded.zone())) {
            throw new OtherTimeZoneException("This node's JVM runs in time zone " + zone.getId() + ", but the nodes"
                    + " on this database run in " + recorded.zone() + " (recorded by " + recorded.recordedBy()
                    + " at " + recorded.recordedAt() + "). Times are stored by the JVM's zone, so this node would read"
                    + " job locks, mail leases and the sign-in throttle hours off.", "Start it with -Duser.timezone="
                    + recorded.zone() + " (for ./tollgate in TOLLGATE_JAVA_OPTS). To move every node to another zone,"
                    + " see docs/adr/0035-one-time-zone-for-all-nodes.md.");
        }
        return recorded;
    }

    private static Recorded read(JdbcTemplate jdbc) {
        return jdbc.query("SELECT zone_id, recorded_by, recorded_at FROM shared_time_zone WHERE id = ?",
                rs -> rs.next() ? new Recorded(rs.getString(1), rs.getString(2), rs.getString(3)) : null, THE_ROW);
    }

    /** The same offsets at every instant, past and future: then JDBC reads and writes the same under either name. */
    private static boolean sameRules(ZoneId zone, String recorded) {
        try {
            return zone.getRules().equals(ZoneId.of(recorded).getRules());
        } catch (DateTimeException unknown) {
            return false;
        }
    }
}
