package io.tollgate.engine.deployment.internal;

/**
 * Where the model guard's decisions go: every new deployment, accepted or refused, once, inside the deployment's own
 * command (a refused deployment's transaction is rolled back afterwards, so a record that must survive the refusal
 * cannot be written in it). The default logs one line per decision.
 */
interface DeploymentRecords {

    void decided(DeploymentDecision decision);
}
