package io.tollgate.engine.deployment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The default {@link DeploymentRecords}: one INFO line per accepted deployment, one WARN line per refused one. */
@Component
class LoggedDeploymentRecords implements DeploymentRecords {

    private static final Logger LOG = LoggerFactory.getLogger(LoggedDeploymentRecords.class);
    static final String THE_APPLICATION = "the application";

    @Override
    public void decided(DeploymentDecision decision) {
        String who = decision.user() == null ? THE_APPLICATION : decision.user();
        String from = decision.source() == null ? "" : " from " + decision.source();
        if (decision.accepted()) {
            LOG.info("Deployment '{}'{} by {} accepted: processes {} in {}", decision.deploymentName(), from, who,
                    decision.processes(), decision.resources());
        } else {
            LOG.warn("Deployment '{}'{} by {} refused: processes {} in {}: {}", decision.deploymentName(), from, who,
                    decision.processes(), decision.resources(), String.join(" | ", decision.refusals()));
        }
    }
}
