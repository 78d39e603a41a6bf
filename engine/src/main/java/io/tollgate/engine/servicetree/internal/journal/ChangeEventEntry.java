package io.tollgate.engine.servicetree.internal.journal;

import java.time.Instant;

import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeRecord;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A row of {@code service_tree_change_event}. */
@Entity
@Table(name = "service_tree_change_event")
@EntityListeners(ChangeEventAudit.class)
class ChangeEventEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "change_id")
    private ChangeEntry change;
    @Enumerated(EnumType.STRING)
    @Column(name = "event_type")
    private ChangeEventType type;
    private String actor;
    private String remark;
    @Column(columnDefinition = "mediumtext")
    private String detail;
    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected ChangeEventEntry() {
    }

    ChangeEventEntry(ChangeEntry change, ChangeEventType type, String actor, String remark, String detail,
                     Instant occurredAt) {
        this.change = change;
        this.type = type;
        this.actor = actor;
        this.remark = remark;
        this.detail = detail;
        this.occurredAt = occurredAt;
    }

    String changeId() {
        return change.changeId();
    }

    ChangeEventType type() {
        return type;
    }

    String actor() {
        return actor;
    }

    String remark() {
        return remark;
    }

    String detail() {
        return detail;
    }

    ChangeRecord.Event toEvent() {
        return new ChangeRecord.Event(type, actor, remark, detail, occurredAt);
    }
}
