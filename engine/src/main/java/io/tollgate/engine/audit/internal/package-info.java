/**
 * The implementation behind {@link io.tollgate.engine.audit.AuditTrail}: the sealer that chains entries under the
 * chain head's row lock and the chain's one rule (SHA-256 over the previous hash and the entry's canonical content),
 * an entry's row, the facets (instance, database, environment, outcome) looked up as an entry is written, the daily
 * anchors, SIEM forwarding, the trail's own sources (sign-ins, refused requests, mail and webhook settings at start,
 * Camunda's user operation log), their schedules, the REST controller ({@code /api/v1/audit}) and
 * {@code --verify-audit-trail}. Only {@code io.tollgate.engine.audit} and its {@code daily} export use it; what is
 * public here is public for them (and the feature's tests, which build the trail without Spring) alone; the
 * architecture test keeps it so.
 */
package io.tollgate.engine.audit.internal;
