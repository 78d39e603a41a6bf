/**
 * What the review reads: the script split into statements ({@code ScriptSplitter}), each parsed by Druid with its
 * facts ({@code Stmt}, {@code Sql}, {@code QueryFacts}), the schema as the script sees it at each statement
 * ({@code SchemaState}), the target's read-only metadata ({@code TargetMetadata}, {@code JdbcTargetMetadata}), row
 * estimates, and one review's run ({@code ReviewRun}).
 */
package io.tollgate.engine.review.internal.statement;
