package io.tollgate.engine.approval;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code approval_decision}: one decision, appended, never changed. */
@Entity
@Table(name = "approval_decision")
class ApprovalDecisionEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "subject_kind")
    private String subjectKind;
    @Column(name = "subject_id")
    private String subjectId;
    @Column(name = "subject_round")
    private int subjectRound;
    private String step;
    private String decider;
    @Column(name = "decider_groups")
    private String deciderGroups;
    private boolean approved;
    @Column(name = "content_hash")
    private String contentHash;
    @Column(name = "comment_text")
    private String comment;
    @Column(name = "decided_at")
    private Instant decidedAt;

    protected ApprovalDecisionEntry() {
    }

    ApprovalDecisionEntry(ApprovalSubject subject, String step, String decider, Set<String> deciderGroups,
                          boolean approved, String comment, Instant decidedAt) {
        this.subjectKind = subject.kind();
        this.subjectId = subject.id();
        this.subjectRound = subject.round();
        this.step = step;
        this.decider = decider;
        this.deciderGroups = String.join(",", new TreeSet<>(deciderGroups));
        this.approved = approved;
        this.contentHash = subject.contentHash();
        this.comment = comment;
        this.decidedAt = decidedAt;
    }

    String subjectId() {
        return subjectId;
    }

    int subjectRound() {
        return subjectRound;
    }

    RecordedDecision toDecision() {
        Set<String> groups = deciderGroups == null || deciderGroups.isEmpty() ? Set.of()
                : Arrays.stream(deciderGroups.split(",")).collect(Collectors.toUnmodifiableSet());
        return new RecordedDecision(step, decider, groups, approved, contentHash, comment, decidedAt);
    }
}
