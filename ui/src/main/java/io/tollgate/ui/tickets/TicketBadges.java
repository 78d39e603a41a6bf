package io.tollgate.ui.tickets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.vaadin.flow.component.html.Span;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.ticket.TicketStatus;

/** How ticket statuses, risks and times look in the ticket views. */
final class TicketBadges {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private TicketBadges() {
    }

    private static final Labels LABELS = io.tollgate.ui.layout.PageLanguage.LABELS;

    static String label(TicketStatus status) {
        return LABELS.of(status);
    }

    static Span status(TicketStatus status) {
        Span badge = new Span(label(status));
        badge.getElement().getThemeList().add("badge " + switch (status) {
            case EXECUTED, ROLLED_BACK -> "success";
            case REVIEW_FAILED, EXECUTION_FAILED, ROLLBACK_FAILED, REJECTED, CLOSED_FAILED -> "error";
            case WITHDRAWN -> "contrast";
            default -> "";
        });
        badge.addClassName("ticket-status");
        return badge;
    }

    /** The status, and beside it that a step is stuck (the step's name on hover). */
    static com.vaadin.flow.component.Component status(TicketStatus status, String stuckStep) {
        if (stuckStep == null) {
            return status(status);
        }
        Span stuck = new Span("Stuck");
        stuck.getElement().getThemeList().add("badge error");
        stuck.addClassName("ticket-stuck");
        stuck.setTitle("\u201c" + stuckStep + "\u201d ran out of retries");
        com.vaadin.flow.component.orderedlayout.HorizontalLayout both =
                new com.vaadin.flow.component.orderedlayout.HorizontalLayout(status(status), stuck);
        both.setSpacing(false);
        both.getStyle().set("gap", "var(--lumo-space-xs)");
        return both;
    }

    static Span risk(String risk) {
        Span badge = new Span(risk == null ? "Not reviewed yet" : LABELS.of(RiskLevel.class, risk));
        badge.getElement().getThemeList().add("badge small " + ("HIGH".equals(risk) ? "error"
                : "MODERATE".equals(risk) ? "" : "success"));
        return badge;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
