/**
 * The automatic daily export of the audit trail (issue 14): after midnight UTC, when a folder is configured
 * ({@code TOLLGATE_AUDIT_EXPORT_DIR}), each finished day's entries (with their chain hashes) and the day's anchor
 * are written to {@code tollgate-audit-<day>.jsonl} there, once per day whatever the number of nodes (a claim row
 * decides), catching up on days missed, and each export is itself an entry of the trail.
 */
package io.tollgate.engine.audit.daily;
