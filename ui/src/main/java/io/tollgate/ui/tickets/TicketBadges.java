package io.tollgate.ui.tickets;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.vaadin.flow.component.html.Span;
import io.tollgate.engine.ticket.TicketStatus;

/** How ticket statuses, risks and times look in the ticket views. */
final class TicketBadges {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private TicketBadges() {
    }

    static String label(TicketStatus status) {
        String words = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
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

    static Span risk(String risk) {
        Span badge = new Span(risk == null ? "not reviewed" : "risk " + risk.toLowerCase(Locale.ROOT));
        badge.getElement().getThemeList().add("badge small " + ("HIGH".equals(risk) ? "error"
                : "MODERATE".equals(risk) ? "" : "success"));
        return badge;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
