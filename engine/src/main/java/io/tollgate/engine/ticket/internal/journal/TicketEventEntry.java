package io.tollgate.engine.ticket.internal.journal;

import java.time.Instant;

import io.tollgate.engine.ticket.TicketEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code sql_ticket_event}: one entry of a ticket's audit trail. */
@Entity
@Table(name = "sql_ticket_event")
public class TicketEventEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "ticket_id")
    private String ticketId;
    @Enumerated(EnumType.STRING)
    @Column(name = "event_type")
    private TicketEvent.Type type;
    private String actor;
    @Column(columnDefinition = "mediumtext")
    private String detail;
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected TicketEventEntry() {
    }

    TicketEventEntry(String ticketId, TicketEvent.Type type, String actor, String detail, Instant occurredAt) {
        this.ticketId = ticketId;
        this.type = type;
        this.actor = actor;
        this.detail = detail;
        this.occurredAt = occurredAt;
    }

    TicketEvent toEvent() {
        return new TicketEvent(occurredAt, actor, type, detail);
    }
}
