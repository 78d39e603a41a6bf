/**
 * The model guard itself, and the implementation behind {@link io.tollgate.engine.deployment.DeploymentHistory}: the
 * Camunda plugin ({@code ModelGuardPlugin}, a Spring bean the engine picks up) that puts {@code ModelGuard} before
 * Camunda's own deployers and {@code AcceptedDeployments} after them; the check of one BPMN resource
 * ({@code BpmnModelCheck}, with {@code ApprovalPaths} for the paths that pass no approval) and of one DMN resource
 * ({@code DmnModelCheck}), each reason to refuse a {@code Refusal}; the {@code ExpressionRules}; what the guard knows
 * of Tollgate's beans and approval steps ({@code TollgateCode}); where each decision goes ({@code DeploymentRecords}:
 * a {@code DeploymentDecision}, stored by {@code StoredDeploymentRecords} as a row of {@code deployment_decision}
 * (JPA) and an audit event); the log filter that drops Camunda's ERROR for a refusal ({@code RefusalLogFilter}); and
 * the REST controller ({@code GET /api/v1/deployments}). Only {@code io.tollgate.engine.deployment} uses it; the row
 * and its repository are public for {@link io.tollgate.engine.deployment.DeploymentHistory}, everything else here is
 * package-private (the plugin and the other beans included); the architecture test keeps it so.
 */
package io.tollgate.engine.deployment.internal;
