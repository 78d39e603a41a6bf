/**
 * The approval policy: where four eyes and eligibility are enforced, for SQL tickets and service-tree changes alike.
 * <p>
 * {@link io.tollgate.engine.approval.ApprovalPolicy} answers who requested a ticket or change, which approvals it
 * needs ({@link io.tollgate.engine.approval.ApprovalSubject}, built by the feature from Tollgate's own tables, never
 * from process variables), who may give each, whether a decision counts, and records each decision in Tollgate's
 * {@code approval_decision} table with the hash of what was approved. Listeners, use cases, the tasklist, the mails
 * and the execution precondition all call it; every refusal is an
 * {@link io.tollgate.engine.approval.ApprovalRefusedException}.
 */
package io.tollgate.engine.approval;
