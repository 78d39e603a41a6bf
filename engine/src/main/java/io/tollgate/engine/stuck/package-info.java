/**
 * Steps that ran out of retries. A job of Tollgate's processes (the review, the execution, the rollback, a tree
 * change's apply) that fails for a reason Tollgate did not foresee is retried by Camunda and then left as an incident.
 * Until now only Cockpit showed it, and the ticket or change said it was still reviewing or executing. Here the
 * incident is told to the feature whose process it is ({@link StuckStepRecords}), in the incident's own transaction,
 * and {@link StuckSteps} lets the person who may act retry the step from Tollgate (ADR 0052).
 */
package io.tollgate.engine.stuck;
