package io.tollgate.engine.deployment.internal;

import java.time.Clock;
import java.util.Map;

import io.tollgate.engine.audit.AuditEvent;
import io.tollgate.engine.audit.AuditTrail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's {@link DeploymentRecords}: a row of {@code deployment_decision} per decision, and one log line.
 * An acceptance is written in the deployment's transaction; a refusal in a transaction of its own, because the
 * refusal rolls the deployment's back.
 */
@Component
class StoredDeploymentRecords implements DeploymentRecords {

    private static final Logger LOG = LoggerFactory.getLogger(StoredDeploymentRecords.class);
    static final String THE_APPLICATION = "the application";

    private final DeploymentDecisionRepository repository;
    private final TransactionTemplate inItsOwnTransaction;
    private final Clock clock;
    private final AuditTrail trail;

    StoredDeploymentRecords(DeploymentDecisionRepository repository, PlatformTransactionManager transactions,
                            Clock clock, AuditTrail trail) {
        this.trail = trail;
        this.repository = repository;
        this.inItsOwnTransaction = new TransactionTemplate(transactions);
        this.inItsOwnTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** What the audit entry carries; no source when the deployment had none (the application's own at start). */
    private static Map<String, Object> payload(DeploymentDecision decision) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        payload.put("resources", decision.resources());
        payload.put("definitions", decision.definitions());
        payload.put("refusals", decision.refusals());
        if (decision.source() != null) {
            payload.put("source", decision.source());
        }
        return payload;
    }

    @Override
    public void decided(DeploymentDecision decision) {
        DeploymentDecisionEntry entry = new DeploymentDecisionEntry(decision, clock.instant());
        String who = decision.user() == null ? THE_APPLICATION : decision.user();
        String from = decision.source() == null ? "" : " from " + decision.source();
        AuditEvent audit = new AuditEvent(decision.accepted() ? "deployment.accepted" : "deployment.refused",
                decision.user() == null ? AuditTrail.SYSTEM : decision.user(), "deployment",
                decision.deploymentId(), "deployment '" + decision.deploymentName() + "' " + (decision.accepted()
                ? "accepted: " + String.join(", ", decision.definitions())
                : "refused: " + String.join(" | ", decision.refusals())),
                payload(decision));
        if (decision.accepted()) {
            repository.save(entry);
            trail.record(audit);
            LOG.info("Deployment '{}'{} by {} accepted: {} in {}", decision.deploymentName(), from, who,
                    decision.definitions(), decision.resources());
        } else {
            inItsOwnTransaction.executeWithoutResult(status -> {
                repository.save(entry);
                trail.record(audit);
            });
            LOG.warn("Deployment '{}'{} by {} refused: processes {} in {}: {}", decision.deploymentName(), from, who,
                    decision.definitions(), decision.resources(), String.join(" | ", decision.refusals()));
        }
    }
}
