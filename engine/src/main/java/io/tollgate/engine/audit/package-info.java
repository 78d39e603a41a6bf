/**
 * The one audit trail (issue 14): {@link io.tollgate.engine.audit.AuditTrail#record} appends an entry in the
 * transaction of the change it records; the sealer chains entries with SHA-256 (each hash over the previous hash and
 * the entry's canonical content), so an entry edited or deleted in the database is named by
 * {@link io.tollgate.engine.audit.AuditTrail#verify} (REST {@code /api/v1/audit/verification}, the History page, and
 * {@code java -jar tollgate.jar --verify-audit-trail}).
 */
package io.tollgate.engine.audit;
