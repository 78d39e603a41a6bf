/**
 * The SQL reviewer: checks a MySQL script before it becomes (or while it is) a ticket.
 *
 * <p>Public surface, meant to be called from the UI, the REST API and the ticket process alike (plain
 * records, no Camunda or Druid types):
 * <ul>
 *   <li>{@link io.tollgate.engine.review.SqlReviewer} — the port; the built-in, rule-based reviewer is its
 *       default implementation (a Spring bean), goInception may become another. It never throws for bad
 *       input and never changes the target.</li>
 *   <li>{@link io.tollgate.engine.review.ReviewRequest} in, {@link io.tollgate.engine.review.ReviewResult} out:
 *       one {@link io.tollgate.engine.review.StatementReview} per statement with its
 *       {@link io.tollgate.engine.review.Finding}s (rule id, level, message, line/column in the submitted text),
 *       {@link io.tollgate.engine.review.RowEstimate} (ESTIMATE from EXPLAIN or EXACT) and
 *       {@link io.tollgate.engine.review.Reversibility}; the ticket's {@link io.tollgate.engine.review.RiskLevel}.</li>
 *   <li>{@link io.tollgate.engine.review.RuleSettings} — the rules with their level per
 *       {@link io.tollgate.engine.review.Environment}, and audited level changes.</li>
 *   <li>{@link io.tollgate.engine.review.ReviewProperties} — {@code tollgate.review.*} settings.</li>
 * </ul>
 *
 * <pre>{@code
 * ReviewResult result = sqlReviewer.review(new ReviewRequest(sql,
 *         new TargetCoordinates("db1.internal", 3306, "reviewer", secret), "shop", Environment.PROD));
 * result.statements().forEach(s -> s.findings().forEach(f -> highlight(f.line(), f.column(), f.level(), f.message())));
 * settings.changeLevel("table.no-partition", Environment.DEV, RuleLevel.OFF, currentUser);
 * }</pre>
 *
 * <p>Everything else — the script splitter, the Druid-based rules, the schema view, persistence, the JDBC
 * bridge and what it reads from a target — lives in {@code io.tollgate.engine.review.internal}, which only this
 * feature uses. {@code docs/review-rules.md} is generated from the rule registry;
 * {@code docs/adr/0002-sql-parser.md} says why Druid parses the SQL.
 */
package io.tollgate.engine.review;
