/**
 * The tasklist use case: the user tasks a person may work on (assigned to them, or offered to them or one of their
 * groups), claiming, unclaiming and handing them on (the claimant or an admin, to another person they are offered
 * to) with four eyes (never one's own approval), to whom each is offered, when each is due, and {@code TaskEvents},
 * which tells subscribers about task changes after they commit. {@code BatchDecisions} decides several approvals at
 * once ({@code POST /api/v1/tasks/decisions}, the tasklist's "Decide selected"), each through its own process's
 * decision with every check of a single one. The UI reaches Camunda's task service only through
 * {@link io.tollgate.engine.tasklist.Tasklist} and {@link io.tollgate.engine.tasklist.TaskEvents}. Their Camunda
 * implementations, the batch's routing and its REST controller are in {@code internal}.
 */
package io.tollgate.engine.tasklist;
