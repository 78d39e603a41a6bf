/**
 * The SQL reviewer: checks a MySQL script before it becomes (or while it is) a ticket.
 *
 * <p>Public surface, meant to be called from the UI, the REST API and the ticket process alike:
 * {@link io.tollgate.engine.review.SqlReviewer} (the port; the built-in, rule-based reviewer is its default
 * implementation, goInception may become another), its request/result records, {@link
 * io.tollgate.engine.review.RuleSettings} (rule levels per environment, audited changes) and {@link
 * io.tollgate.engine.review.TargetMetadata} (what the reviewer needs to know about a target instance).
 * Everything else — the script splitter, the Druid-based rules, persistence — is package-private.
 *
 * <p>{@code docs/review-rules.md} is generated from the rule registry; {@code docs/adr/0002-sql-parser.md}
 * says why Druid parses the SQL.
 */
package io.tollgate.engine.review;
