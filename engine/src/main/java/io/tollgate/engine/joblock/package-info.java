/**
 * Keeps the job executor's lock on a job for as long as the job runs on this node (ADR 0016), so that a run longer
 * than {@code lock-time-in-millis} (a 200,000-statement ticket, a long pt-online-schema-change) is never acquired a
 * second time while it runs, and completes once; a dead node's lock still expires, as it stops being kept.
 */
package io.tollgate.engine.joblock;
