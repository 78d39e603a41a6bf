/**
 * The built-in reviewer behind {@link io.tollgate.engine.review.SqlReviewer}: the script splitter, the Druid-based
 * rules and their registry, the schema view a script builds up, row estimates, reversibility and risk, the rule
 * levels admins set (JPA) and the read-only JDBC view of a target. Only {@code io.tollgate.engine.review} uses it;
 * everything here is package-private but for what the package's top needs ({@link ScriptSplitter}, for
 * {@link io.tollgate.engine.review.SqlScripts}).
 */
package io.tollgate.engine.review.internal;
