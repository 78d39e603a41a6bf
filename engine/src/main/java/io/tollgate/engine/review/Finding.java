package io.tollgate.engine.review;

/**
 * One rule violation.
 *
 * @param ruleId  the stable rule id, e.g. {@code table.require-pk}
 * @param level   ERROR or WARNING (OFF rules produce no findings)
 * @param message what is wrong and how to fix it
 * @param line    1-based line in the reviewed text
 * @param column  1-based column in the reviewed text
 */
public record Finding(String ruleId, RuleLevel level, String message, int line, int column) {
}
