package io.tollgate.engine.ticket.internal.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tollgate.engine.goinception.InstanceReviewer;
import io.tollgate.engine.goinception.ReviewBackendUnavailableException;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.ReviewRequest;
import io.tollgate.engine.review.ReviewResult;
import io.tollgate.engine.review.RowEstimate;
import io.tollgate.engine.review.StatementReview;
import io.tollgate.engine.review.TargetCoordinates;
import io.tollgate.engine.ticket.AffectedRows;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.internal.journal.TicketEntry;
import io.tollgate.engine.ticket.internal.journal.TicketApprovals;
import io.tollgate.engine.ticket.internal.journal.TicketJournal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The auto review of a ticket: the instance's review backend (built-in, goInception or both, issue 17) against the
 * ticket's instance and database, its findings and risk recorded on the ticket. Reads the target only; safe to run
 * any number of times. When the backend gives no usable answer the ticket stays in review with that finding and the
 * exception fails the review job, which is retried: nothing passes unreviewed.
 */
@Component
public class TicketReview {

    /** What the process needs to route the approval. */
    record Outcome(boolean passed, String summary, String risk, boolean hasDdl, long estimatedRows,
                   String environment) {
    }

    private final TicketJournal journal;
    private final TargetInstances instances;
    private final InstanceReviewer reviewer;
    private final ApprovalRouting routing;

    TicketReview(TicketJournal journal, TargetInstances instances, InstanceReviewer reviewer, ApprovalRouting routing) {
        this.journal = journal;
        this.instances = instances;
        this.reviewer = reviewer;
        this.routing = routing;
    }

    @Transactional
    Outcome review(String ticketId) {
        TicketEntry ticket = journal.require(ticketId);
        Optional<TargetInstances.Registered> registered = instances.registered(ticket.instance());
        Optional<InstanceView> instance = registered.map(TargetInstances.Registered::view);
        Optional<TargetCoordinates> target = registered.map(TargetInstances.Registered::coordinates);
        if (instance.isEmpty() || target.isEmpty()) {
            String summary = "instance " + ticket.instance() + " is no longer registered";
            journal.reviewed(ticketId, "HIGH", 0,
                    List.of(new TicketFinding(1, 1, 1, "ticket.instance", "ERROR", summary)), null, false, summary,
                    null, null);
            return new Outcome(false, summary, "HIGH", false, 0, null);
        }
        ReviewResult result;
        try {
            result = reviewer.review(ticket.instance(), new ReviewRequest(ticket.sql(), target.get(),
                    ticket.database(), instance.get().environment()));
        } catch (ReviewBackendUnavailableException e) {
            journal.reviewWaiting(ticketId, e.getMessage() + "; the review is retried and the ticket waits in review");
            throw e;
        }
        List<TicketFinding> findings = new ArrayList<>();
        boolean hasDdl = false;
        long rows = 0;
        int estimated = 0;
        int notEstimated = 0;
        boolean exact = true;
        for (StatementReview statement : result.statements()) {
            for (Finding f : statement.findings()) {
                findings.add(new TicketFinding(statement.index() + 1, f.line(), f.column(), f.ruleId(),
                        f.level().name(), f.message()));
            }
            hasDdl |= isDdl(statement.kind());
            if (statement.rows() != null) {
                rows += Math.max(0, statement.rows().rows());
                estimated++;
                exact &= statement.rows().kind() == RowEstimate.Kind.EXACT;
            } else if (AffectedRows.changesRows(statement.kind())) {
                notEstimated++;
            }
        }
        AffectedRows affected = estimated == 0 && notEstimated == 0 ? null
                : new AffectedRows(estimated == 0 ? null : rows, estimated > 0 && exact, notEstimated);
        // statements the executor would refuse are the reviewer's execution.refused errors, so passed means executable
        boolean passed = result.passed();
        if (result.refused()) {
            findings.add(new TicketFinding(1, 1, 1, "review.refused", "ERROR", result.message()));
        }
        String risk = result.risk().name();
        String summary = result.message();
        Outcome outcome = new Outcome(passed, summary, risk, hasDdl, rows, instance.get().environment().name());
        // a passed round is routed before it is recorded: its trail entry names the decision version that routed it
        ApprovalRouting.Route route = passed ? routing.decide(outcome) : null;
        journal.reviewed(ticketId, risk, result.statements().size(), findings, affected, passed,
                route == null ? summary : summary + ". " + route.note(), instance.get().reviewerGroup(),
                TicketApprovals.target(registered.get()));
        if (route != null) {
            routing.record(ticketId, route);
        }
        return outcome;
    }

    private static boolean isDdl(String kind) {
        String k = kind == null ? "" : kind.toUpperCase(Locale.ROOT);
        return k.startsWith("CREATE") || k.startsWith("ALTER") || k.startsWith("DROP") || k.startsWith("RENAME")
                || k.startsWith("TRUNCATE");
    }
}
