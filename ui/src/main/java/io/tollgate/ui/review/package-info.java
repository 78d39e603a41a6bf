/**
 * The SQL self-check page (review a script without creating a ticket) and the admin view of the reviewer's rules.
 * Both call the engine's {@code SqlReviewer} and {@code RuleSettings} use cases.
 */
package io.tollgate.ui.review;
