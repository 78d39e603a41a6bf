/**
 * The model guard: a Camunda plugin that checks every BPMN, DMN and CMMN resource of every new deployment before the
 * engine accepts it, and refuses the whole deployment (a {@code ParseException}, HTTP 400 over {@code /engine-rest})
 * when a model would weaken Tollgate's gate: a step that reaches an outside system reachable without the approval it
 * needs, event starts in Tollgate's processes, expressions beyond reading variables, scripts, Java classes, shell and
 * mail tasks. Each decision goes to {@link io.tollgate.engine.deployment.DeploymentRecords}. See
 * docs/adr/0011-model-guard.md.
 */
package io.tollgate.engine.deployment;
