package io.tollgate.engine.goinception;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tollgate.engine.NotFoundException;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.Permissions;
import io.tollgate.integrations.goinception.GoInceptionClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which review backend each registered instance uses (column {@code target_instance.review_backend}, BUILT_IN unless
 * a DBA or admin chose otherwise), and whether goInception answers now.
 */
@Component
public class ReviewBackends {

    private final JdbcTemplate jdbc;
    private final Permissions permissions;
    private final AuditTrail trail;
    private final GoInceptionClient goInception;

    ReviewBackends(JdbcTemplate jdbc, Permissions permissions, AuditTrail trail, GoInceptionClient goInception) {
        this.jdbc = jdbc;
        this.permissions = permissions;
        this.trail = trail;
        this.goInception = goInception;
    }

    /** The backend of an instance; BUILT_IN for an unknown instance, BOTH (the strictest) for an unknown value. */
    @Transactional(readOnly = true)
    public ReviewBackend of(String instanceName) {
        List<String> stored = jdbc.queryForList("SELECT review_backend FROM target_instance WHERE name = ?",
                String.class, instanceName);
        if (stored.isEmpty() || stored.get(0) == null) {
            return ReviewBackend.BUILT_IN;
        }
        try {
            return ReviewBackend.valueOf(stored.get(0));
        } catch (IllegalArgumentException e) {
            return ReviewBackend.BOTH;
        }
    }

    /**
     * Sets an instance's backend; audited.
     *
     * @throws io.tollgate.engine.permission.PermissionDeniedException unless {@code actor} may manage instances
     */
    @Transactional
    public void choose(String instanceName, ReviewBackend backend, String actor) {
        permissions.require(actor, Permission.MANAGE_INSTANCES);
        if (backend == null) {
            throw new InvalidRequestException("backend", "Pick the review backend: BUILT_IN, GOINCEPTION or BOTH");
        }
        ReviewBackend before = of(instanceName);
        int changed = jdbc.update("UPDATE target_instance SET review_backend = ? WHERE name = ?", backend.name(),
                instanceName);
        if (changed == 0) {
            throw new NotFoundException("No instance named '" + instanceName + "'");
        }
        if (before != backend) {
            Map<String, Object> payload = new TreeMap<>();
            payload.put("from", before.name());
            payload.put("to", backend.name());
            trail.record(new AuditEvent("instance.review-backend", actor, "instance", instanceName, "instance "
                    + instanceName + " reviewed by " + backend.name() + " (was " + before.name() + "), set by " + actor,
                    payload));
        }
    }

    /** Null when goInception answers (or is not configured and no instance needs it), else the sentence why not. */
    public String goInceptionHealth() {
        return goInception.health();
    }

    public boolean goInceptionConfigured() {
        return goInception.configured();
    }

    /** host:port of goInception, for people. */
    public String goInceptionAddress() {
        return goInception.address();
    }
}
