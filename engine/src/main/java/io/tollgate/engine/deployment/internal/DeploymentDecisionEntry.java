package io.tollgate.engine.deployment.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.tollgate.engine.deployment.DeploymentRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code deployment_decision}: one deployment the model guard judged. Written once, never updated. */
@Entity
@Table(name = "deployment_decision")
public class DeploymentDecisionEntry {

    private static final String LINES = "\n";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "deployed_by")
    private String deployedBy;
    @Column(name = "deployment_id")
    private String deploymentId;
    @Column(name = "deployment_name")
    private String deploymentName;
    @Column(name = "deployment_source")
    private String deploymentSource;
    @Column(columnDefinition = "mediumtext")
    private String resources;
    @Column(columnDefinition = "mediumtext")
    private String definitions;
    private boolean accepted;
    @Column(columnDefinition = "mediumtext")
    private String reasons;

    protected DeploymentDecisionEntry() {
    }

    DeploymentDecisionEntry(DeploymentDecision decision, Instant decidedAt) {
        this.decidedAt = decidedAt;
        this.deployedBy = clip(decision.user(), 200);
        this.deploymentId = decision.deploymentId();
        this.deploymentName = clip(decision.deploymentName(), 500);
        this.deploymentSource = clip(decision.source(), 500);
        this.resources = String.join(LINES, decision.resources());
        this.definitions = String.join(LINES, decision.definitions());
        this.accepted = decision.accepted();
        this.reasons = decision.accepted() ? null : String.join(LINES, decision.refusals());
    }

    public DeploymentRecord toRecord() {
        return new DeploymentRecord(id, decidedAt, deployedBy, deploymentId, deploymentName, deploymentSource,
                lines(resources), lines(definitions), accepted, lines(reasons));
    }

    private static List<String> lines(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(LINES));
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
