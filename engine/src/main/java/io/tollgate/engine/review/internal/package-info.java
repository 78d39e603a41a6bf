/**
 * The built-in reviewer behind {@link io.tollgate.engine.review.SqlReviewer} ({@code BuiltInSqlReviewer}), the rule
 * levels admins set (JPA, audited) and the rule catalogue; the rules and their registry in {@code rules}, what they
 * read (the script splitter, Druid's statements, the schema view a script builds up, the read-only JDBC view of a
 * target, row estimates) in {@code statement}. {@code rules} depends on {@code statement}, never the other way. Only
 * {@code io.tollgate.engine.review} uses it (an ArchUnit rule keeps {@code internal} inside its feature).
 */
package io.tollgate.engine.review.internal;
