/**
 * Sending things to outside systems without ever blocking the step that caused them: a row per message, written in
 * the caller's transaction, with a {@link io.tollgate.engine.outbox.Delivery} state, and a
 * {@link io.tollgate.engine.outbox.DeliveryLoop} that claims due rows (so one node sends each), sends them, and
 * records SENT, the next attempt ({@link io.tollgate.engine.outbox.RetryPolicy}) or FAILED. Mail and webhooks use it
 * (ADR 0004).
 */
package io.tollgate.engine.outbox;
