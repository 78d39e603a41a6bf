/**
 * The task listeners of the approval and resolution tasks: who is offered a task, and recording each decision and
 * resolution through the approval policy.
 */
package io.tollgate.engine.ticket.internal.approval;
