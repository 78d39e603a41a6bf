/**
 * The review's rules, one class per kind (statements, columns, tables, indexes, naming, danger, online changes, the
 * target, what the executor would refuse), their registry, and what is derived from them for a ticket: its risk, its
 * reversibility and its schema effects.
 */
package io.tollgate.engine.review.internal.rules;
