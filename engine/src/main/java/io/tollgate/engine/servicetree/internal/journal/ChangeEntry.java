package io.tollgate.engine.servicetree.internal.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tollgate.engine.servicetree.ChangeEventType;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** A row of {@code service_tree_change}: one audited change and its events. */
@Entity
@Table(name = "service_tree_change")
public class ChangeEntry {

    private static final String LARGE_TEXT = "mediumtext";

    @Id
    @Column(name = "change_id")
    private String changeId;
    private String kind;
    @Column(name = "node_id")
    private long nodeId;
    @Column(name = "subject_node_id")
    private Long subjectNodeId;
    @Column(name = "node_path")
    private String nodePath;

    @Column(name = "approvers", length = 2000)
    private String approvers;
    private String requester;
    private String reason;
    @Enumerated(EnumType.STRING)
    private ChangeStatus status;
    private boolean critical;
    @Column(name = "process_instance_id")
    private String processInstanceId;
    @Column(name = "change_json", columnDefinition = LARGE_TEXT)
    private String changeJson;
    @Column(columnDefinition = LARGE_TEXT)
    private String diff;
    @Column(name = "before_json", columnDefinition = LARGE_TEXT)
    private String beforeJson;
    @Column(name = "after_json", columnDefinition = LARGE_TEXT)
    private String afterJson;
    @Column(name = "versions_json", columnDefinition = LARGE_TEXT)
    private String versionsJson;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "applied_at")
    private Instant appliedAt;
    @Column(name = "plan_json", columnDefinition = LARGE_TEXT)
    private String planJson;
    @Column(name = "plan_hash")
    private String planHash;
    @Column(name = "validation_round")
    private int validationRound;
    @Column(name = "stuck_step")
    private String stuckStep;
    @Column(name = "stuck_reason")
    private String stuckReason;
    @OneToMany(mappedBy = "change", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("occurredAt ASC, id ASC")
    @org.hibernate.annotations.BatchSize(size = 50) // a list of changes reads their events 50 changes at a time
    private List<ChangeEventEntry> events = new ArrayList<>();

    protected ChangeEntry() {
    }

    ChangeEntry(String changeId, String kind, long nodeId, String requester, String reason, String changeJson,
                Instant now) {
        this.changeId = changeId;
        this.kind = kind;
        this.nodeId = nodeId;
        this.requester = requester;
        this.reason = reason == null ? "" : truncate(reason, 2000);
        this.changeJson = changeJson;
        this.status = ChangeStatus.PENDING_APPROVAL;
        this.requestedAt = now;
        this.updatedAt = now;
    }

    void record(ChangeEventType type, String actor, String remark, String detail, Instant at) {
        events.add(new ChangeEventEntry(this, type, actor, remark == null ? null : truncate(remark, 2000), detail, at));
        updatedAt = at;
    }

    void status(ChangeStatus newStatus) {
        status = newStatus;
    }

    void validated(Long subject, String path, boolean isCritical, String diffText, String processInstance) {
        subjectNodeId = subject;
        nodePath = path;
        critical = isCritical;
        diff = diffText;
        if (processInstance != null) {
            processInstanceId = processInstance;
        }
    }

    /** A new validation round: the plan approvers decide on and the apply runs; earlier approvals no longer count. */
    void plan(String json, String hash) {
        planJson = json;
        planHash = hash;
        validationRound++;
    }

    public String planJson() {
        return planJson;
    }

    public String planHash() {
        return planHash;
    }

    public int validationRound() {
        return validationRound;
    }

    public boolean critical() {
        return critical;
    }

    public String changeJson() {
        return changeJson;
    }

    void applied(Instant at) {
        appliedAt = at;
    }

    void verified(String before, String after, String versions) {
        beforeJson = before;
        afterJson = after;
        versionsJson = versions;
    }

    public String changeId() {
        return changeId;
    }

    void approvers(List<String> owners) {
        this.approvers = String.join(",", owners);
    }

    public List<String> approvers() {
        return approvers == null || approvers.isBlank() ? List.of() : List.of(approvers.split(","));
    }

    String nodePath() {
        return nodePath;
    }

    long nodeId() {
        return nodeId;
    }

    String reason() {
        return reason;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    public String requester() {
        return requester;
    }

    public ChangeStatus status() {
        return status;
    }

    /** A step of the change's process ran out of retries ({@code step} null: it moves again; ADR 0052). */
    void stuck(String step, String reason) {
        this.stuckStep = step;
        this.stuckReason = reason;
    }

    /** What the change's process and its mails call it: its kind and reason ({@link ChangeJson#subject}). */
    public String subject() {
        return ChangeJson.subject(kind, reason);
    }

    public ChangeRecord toRecord() {
        return new ChangeRecord(changeId, kind, nodeId, subjectNodeId, nodePath, requester, reason, status, critical,
                changeJson, diff, beforeJson, afterJson, versionsJson, requestedAt, updatedAt, appliedAt,
                events.stream().map(ChangeEventEntry::toEvent).toList(), stuckStep, stuckReason);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
