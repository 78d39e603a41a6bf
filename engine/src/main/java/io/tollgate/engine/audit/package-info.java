/**
 * The one audit trail (issue 14): what the other packages and the UI use of it.
 * {@link io.tollgate.engine.audit.AuditTrail#record} appends an {@link io.tollgate.engine.audit.AuditEvent} in the
 * transaction of the change it records; the entries are chained with SHA-256 (each hash over the previous hash and
 * the entry's canonical content), so an entry edited or deleted in the database is named by
 * {@link io.tollgate.engine.audit.AuditTrail#verify} (an {@link io.tollgate.engine.audit.AuditVerification}, also
 * against an {@link io.tollgate.engine.audit.AuditAnchor} an auditor kept; REST {@code /api/v1/audit/verification},
 * the History page, and {@code java -jar tollgate.jar --verify-audit-trail}). Auditors read the
 * {@link io.tollgate.engine.audit.AuditEntry entries} through {@link io.tollgate.engine.audit.AuditSearch} and
 * {@link io.tollgate.engine.audit.AuditExport} under an {@link io.tollgate.engine.audit.AuditFilter}. The sealer, the
 * chain's rule, the facets, the daily anchors, SIEM forwarding, the trail's own sources (sign-ins, refusals, settings,
 * engine operations), the REST controller and the command line live in {@code io.tollgate.engine.audit.internal};
 * the daily export to a folder in {@code io.tollgate.engine.audit.daily}.
 */
package io.tollgate.engine.audit;
