/**
 * The model guard (ADR 0011): a Camunda plugin that checks every BPMN, DMN and CMMN resource of every new deployment
 * before the engine accepts it, and refuses the whole deployment (a {@code ParseException}, HTTP 400 over
 * {@code /engine-rest}) when a model would weaken Tollgate's gate: a step that reaches an outside system reachable
 * without the approval it needs, event starts in Tollgate's processes, expressions beyond reading variables, scripts,
 * Java classes, shell and mail tasks. What the other packages and the UI use of it is the record of its decisions:
 * {@link io.tollgate.engine.deployment.DeploymentHistory} (the History page) lists every
 * {@link io.tollgate.engine.deployment.DeploymentRecord deployment it judged}, newest first, for those who read
 * history. The guard itself (the plugin, its deployers, the BPMN and DMN checks, the expression rules, the approval
 * paths and what it knows of Tollgate's beans and approval steps), where its decisions go and how they are stored,
 * the log filter for refusals and the REST controller ({@code /api/v1/deployments}) live in
 * {@code io.tollgate.engine.deployment.internal}. See docs/adr/0011-model-guard.md.
 */
package io.tollgate.engine.deployment;
