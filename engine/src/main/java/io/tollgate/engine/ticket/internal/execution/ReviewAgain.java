package io.tollgate.engine.ticket.internal.execution;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableAlterColumn;
import com.alibaba.druid.sql.ast.statement.SQLAlterTableStatement;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableChangeColumn;
import com.alibaba.druid.sql.dialect.mysql.ast.statement.MySqlAlterTableModifyColumn;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.InstanceReview;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import org.springframework.stereotype.Component;

/**
 * Before a ticket's first run, its column changes (MODIFY, CHANGE, ALTER COLUMN) are reviewed again against the
 * target as it is now. The review that passed saw each table as it was then, and another change since can turn what
 * was approved as a widening into a narrowing: a DECIMAL(12,2) reviewed over a DECIMAL(10,2) ran over the
 * DECIMAL(12,4) another change had made of it, and rounded what it held with no error (a helper's finding). A review
 * that no longer passes stops the run before anything runs; a DBA decides, and the submitter resubmits for a new
 * review. Only tickets that change columns are reviewed again: the other statements' effects do not depend on a
 * column's type as reviewed.
 */
@Component
class ReviewAgain {

    private static final Pattern ALTER = Pattern.compile("(?i)\\balter\\b");

    /** How many of the new review's errors the failure names. */
    private static final int NAMED = 5;

    private final InstanceReview reviewer;

    ReviewAgain(InstanceReview reviewer) {
        this.reviewer = reviewer;
    }

    /** Why the ticket's review no longer holds on its target, or empty when it does. */
    Optional<String> whyNot(TicketEntry ticket, TargetInstances.Registered instance) {
        ReviewResult result = reviewer.review(ticket.instance(), new ReviewRequest(ticket.sql(),
                instance.coordinates(), ticket.database(), instance.view().environment()));
        if (result.passed()) {
            return Optional.empty();
        }
        String errors = result.refused() ? result.message() : result.statements().stream()
                .flatMap(s -> s.findings().stream().filter(f -> f.level() == RuleLevel.ERROR)
                        .map(f -> "statement " + (s.index() + 1) + ": " + f.message()))
                .limit(NAMED).collect(Collectors.joining("; "));
        return Optional.of("not run: the target changed since the ticket's review, which no longer passes ("
                + errors + "); nothing ran. Resubmit the ticket for a new review, or close it");
    }

    /** Whether a statement of the script changes a column's definition: only such a ticket is reviewed again. */
    static boolean changesColumns(List<String> statements) {
        for (String statement : statements) {
            if (!ALTER.matcher(statement).find()) {
                continue; // an ALTER, however written (after a comment, say), names the word
            }
            SQLStatement ast;
            try {
                ast = SQLUtils.parseSingleMysqlStatement(statement);
            } catch (RuntimeException unreadable) {
                return true; // the review reads it its own way: asked again
            }
            if (ast instanceof SQLAlterTableStatement alter && alter.getItems().stream().anyMatch(item ->
                    item instanceof MySqlAlterTableModifyColumn || item instanceof MySqlAlterTableChangeColumn
                            || item instanceof SQLAlterTableAlterColumn)) {
                return true;
            }
        }
        return false;
    }
}
