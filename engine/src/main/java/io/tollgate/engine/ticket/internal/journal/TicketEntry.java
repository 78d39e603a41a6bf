package io.tollgate.engine.ticket.internal.journal;

import java.time.Instant;

import io.tollgate.engine.ticket.AffectedRows;
import io.tollgate.engine.ticket.CopyPause;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.integrations.mysql.execution.ConflictPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/** A row of {@code sql_ticket}: the ticket as submitted plus the mirror of where its process stands. */
@Entity
@Table(name = "sql_ticket")
public class TicketEntry implements Persistable<String> {

    private static final String LARGE_TEXT = "mediumtext";

    /**
     * True for a ticket being submitted: its id is assigned, so without this Spring Data would merge it, reading the
     * row first to find none. Loaded and once-saved entries are not new.
     */
    @Transient
    private boolean fresh;

    @Id
    @Column(name = "ticket_id")
    private String ticketId;
    private String title;
    @Column(name = "instance_name")
    private String instance;
    @Column(name = "database_name")
    private String database;
    @Column(name = "sql_text", columnDefinition = LARGE_TEXT)
    private String sql;
    private String reason;
    private String submitter;
    @Enumerated(EnumType.STRING)
    @Column(name = "execution_mode")
    private ExecutionMode mode;
    @Column(name = "scheduled_at")
    private Instant scheduledAt;
    @Enumerated(EnumType.STRING)
    private TicketStatus status;
    private String risk;
    @Column(name = "statement_count")
    private int statementCount;
    @Column(name = "findings_json", columnDefinition = LARGE_TEXT)
    private String findingsJson;
    @Column(name = "finding_count")
    private int findingCount;
    @Column(name = "finding_summary_json", columnDefinition = LARGE_TEXT)
    private String findingSummaryJson;
    @Column(name = "execution_json", columnDefinition = LARGE_TEXT)
    private String executionJson;
    @Column(name = "rollback_json", columnDefinition = LARGE_TEXT)
    private String rollbackJson;
    @Column(name = "rollback_sql_json", columnDefinition = LARGE_TEXT)
    private String rollbackSqlJson;
    @Column(name = "execution_count")
    private int executionCount;
    @Column(name = "rollback_count")
    private int rollbackCount;
    @Column(name = "rollback_sql_count")
    private int rollbackSqlCount;
    @Column(name = "rollback_conflicts_json", columnDefinition = LARGE_TEXT)
    private String rollbackConflictsJson;
    @Column(name = "rollback_conflict_count")
    private int rollbackConflictCount;

    /** Conflicting changes the completed rollback left as they are, by a DBA's choice; 0 otherwise. */
    @Column(name = "rollback_left")
    private long rollbackLeft;
    @Enumerated(EnumType.STRING)
    @Column(name = "rollback_conflict_policy")
    private ConflictPolicy rollbackConflictPolicy;
    private String failure;
    private Double progress;
    @Column(name = "abort_requested")
    private boolean abortRequested;
    @Column(name = "pause_requested")
    private boolean pauseRequested;
    @Column(name = "copy_paused")
    private boolean copyPaused;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Column(name = "review_round")
    private int reviewRound;
    @Column(name = "reviewed_sql_hash")
    private String reviewedSqlHash;
    @Column(name = "reviewer_group")
    private String reviewerGroup;
    /** The instance the passed review was for, as {@link TicketApprovals#target} describes it (ADR 0056). */
    @Column(name = "reviewed_target")
    private String reviewedTarget;
    @Column(name = "dba_approval_required")
    private Boolean dbaApprovalRequired;
    @Column(name = "affected_rows")
    private Long affectedRows;
    @Column(name = "affected_rows_exact")
    private Boolean affectedRowsExact;
    @Column(name = "rows_not_estimated")
    private Integer rowsNotEstimated;
    @Column(name = "requested_reviewer")
    private String requestedReviewer;
    @Column(name = "stuck_step")
    private String stuckStep;
    @Column(name = "stuck_reason")
    private String stuckReason;

    protected TicketEntry() {
    }

    @Override
    public String getId() {
        return ticketId;
    }

    @Override
    public boolean isNew() {
        return fresh;
    }

    @PostPersist
    void persisted() {
        fresh = false;
    }

    TicketEntry(String ticketId, String submitter, TicketDraft draft, int statementCount, Instant now) {
        this.fresh = true;
        this.ticketId = ticketId;
        this.title = draft.title().strip();
        this.instance = draft.instance();
        this.database = draft.database().strip();
        this.sql = draft.sql();
        this.reason = draft.reason().strip();
        this.submitter = submitter;
        this.mode = draft.mode();
        this.scheduledAt = draft.mode() == ExecutionMode.SCHEDULED ? draft.scheduledAt() : null;
        this.requestedReviewer = draft.reviewer() == null || draft.reviewer().isBlank() ? null
                : draft.reviewer().strip();
        this.status = TicketStatus.REVIEWING;
        this.statementCount = statementCount;
        this.submittedAt = now;
        this.updatedAt = now;
    }

    /** The reviewer the submitter asked for, or null. */
    public String requestedReviewer() {
        return requestedReviewer;
    }

    public void status(TicketStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    void resubmitted(String sql, int statementCount, Instant now) {
        this.sql = sql;
        this.statementCount = statementCount;
        this.findingsJson = null;
        this.findingCount = 0;
        this.findingSummaryJson = null;
        this.risk = null;
        affectedRows(null);
        status(TicketStatus.REVIEWING, now);
    }

    /**
     * A new review round: what it passed ({@code sqlHash}, null when it failed) and whom it routed the approval to;
     * approvals of earlier rounds no longer count.
     */
    void reviewRound(String sqlHash, String reviewerGroup, String reviewedTarget) {
        this.reviewRound++;
        this.reviewedSqlHash = sqlHash;
        this.reviewerGroup = reviewerGroup;
        this.reviewedTarget = reviewedTarget;
        this.dbaApprovalRequired = null;
    }

    public void dbaApprovalRequired(boolean required) {
        this.dbaApprovalRequired = required;
    }

    int reviewRound() {
        return reviewRound;
    }

    String reviewedSqlHash() {
        return reviewedSqlHash;
    }

    String reviewedTarget() {
        return reviewedTarget;
    }

    public String reviewerGroup() {
        return reviewerGroup;
    }

    /** Whether the review's routing decision asked for a DBA too; null until it was decided. */
    public Boolean dbaApprovalRequired() {
        return dbaApprovalRequired;
    }

    /** A review's outcome; its findings are rows of {@code sql_ticket_finding} ({@link TicketFindings}). */
    void reviewed(String risk, int statementCount, int findingCount, String findingSummaryJson) {
        this.risk = risk;
        this.statementCount = statementCount;
        this.findingsJson = null;
        this.findingCount = findingCount;
        this.findingSummaryJson = findingSummaryJson;
    }

    /** What the review found the DML statements change; null for none (no DML, or not reviewed yet). */
    public void affectedRows(AffectedRows rows) {
        this.affectedRows = rows == null ? null : rows.rows();
        this.affectedRowsExact = rows == null ? null : rows.exact();
        this.rowsNotEstimated = rows == null ? null : rows.statementsWithoutEstimate();
    }

    public AffectedRows affectedRows() {
        return rowsNotEstimated == null ? null
                : new AffectedRows(affectedRows, Boolean.TRUE.equals(affectedRowsExact), rowsNotEstimated);
    }

    /** An execution run: its results and rollback SQL are rows ({@link TicketStatementRows}), counted here. */
    void executionReport(int resultCount, int rollbackSqlCount, String failure) {
        this.executionJson = null;
        this.rollbackSqlJson = null;
        this.executionCount = resultCount;
        this.rollbackSqlCount = rollbackSqlCount;
        this.failure = failure;
        this.progress = null;
        this.abortRequested = false;
        this.pauseRequested = false;
        this.copyPaused = false;
    }

    /** The statements done so far by an execution that has not finished (shown while it resumes); rows hold them. */
    void executionSoFar(int resultCount) {
        this.executionJson = null;
        this.executionCount = resultCount;
    }

    void rollbackSoFar(int resultCount) {
        this.rollbackJson = null;
        this.rollbackCount = resultCount;
    }

    void rollbackReport(int resultCount, String failure) {
        this.progress = null;
        this.rollbackJson = null;
        this.rollbackCount = resultCount;
        this.failure = failure;
        this.rollbackConflictsJson = null;
        this.rollbackConflictCount = 0;
        this.rollbackLeft = 0;
    }

    void rollbackLeft(long left) {
        this.rollbackLeft = left;
    }

    public long rollbackLeft() {
        return rollbackLeft;
    }

    /**
     * The rows the last rollback found changed since execution (it changed nothing), as far as the row keeps them
     * ({@link RecordedConflicts}), and how many there are.
     */
    void rollbackConflicts(String json, int count) {
        this.rollbackConflictsJson = json;
        this.rollbackConflictCount = count;
    }

    public String rollbackConflictsJson() {
        return rollbackConflictsJson;
    }

    public int rollbackConflictCount() {
        return rollbackConflictCount;
    }

    /** A DBA's decision on conflicting rows, for the next rollback run only. */
    void conflictPolicy(ConflictPolicy policy) {
        this.rollbackConflictPolicy = policy;
    }

    /** The decision for this run (STOP unless a DBA decided otherwise since the last run); it is used up. */
    public ConflictPolicy takeConflictPolicy() {
        ConflictPolicy policy = rollbackConflictPolicy == null ? ConflictPolicy.STOP : rollbackConflictPolicy;
        this.rollbackConflictPolicy = null;
        return policy;
    }

    public void failure(String failure) {
        this.failure = failure;
    }

    public void progress(Double progress) {
        this.progress = progress;
    }

    void requestAbort() {
        this.abortRequested = true;
    }

    void requestPause(boolean pause) {
        this.pauseRequested = pause;
    }

    /** A step of the ticket's process ran out of retries ({@code step} null: it moves again). */
    void stuck(String step, String reason) {
        this.stuckStep = step;
        this.stuckReason = reason;
    }

    public String stuckStep() {
        return stuckStep;
    }

    public String stuckReason() {
        return stuckReason;
    }

    void copyPaused(boolean paused) {
        this.copyPaused = paused;
    }

    public boolean pauseRequested() {
        return pauseRequested;
    }

    public CopyPause copyPause() {
        if (pauseRequested) {
            return copyPaused ? CopyPause.PAUSED : CopyPause.PAUSING;
        }
        return copyPaused ? CopyPause.RESUMING : CopyPause.NONE;
    }

    public String ticketId() {
        return ticketId;
    }

    public String title() {
        return title;
    }

    public String instance() {
        return instance;
    }

    public String database() {
        return database;
    }

    /**
     * SHA-256 of the SQL as the row holds it now, as every trail entry of the ticket records it: the chained trail
     * says which SQL each step was about, whatever a resubmission or an edit of the row did later.
     */
    String sqlHash() {
        if (sqlHashOf != sql) { // the same string object: hashed once per loaded row and SQL
            sqlHash = io.tollgate.engine.approval.ApprovalPolicy.hash(sql);
            sqlHashOf = sql;
        }
        return sqlHash;
    }

    @jakarta.persistence.Transient
    private String sqlHash;
    @jakarta.persistence.Transient
    private String sqlHashOf;

    public String sql() {
        return sql;
    }

    public String reason() {
        return reason;
    }

    public String submitter() {
        return submitter;
    }

    public ExecutionMode mode() {
        return mode;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public TicketStatus status() {
        return status;
    }

    public String risk() {
        return risk;
    }

    public int statementCount() {
        return statementCount;
    }

    /** The findings of a ticket reviewed before issue 13 (later reviews write rows instead), or null. */
    public String findingsJson() {
        return findingsJson;
    }

    public int findingCount() {
        return findingCount;
    }

    public String findingSummaryJson() {
        return findingSummaryJson;
    }

    public String executionJson() {
        return executionJson;
    }

    public String rollbackJson() {
        return rollbackJson;
    }

    public String rollbackSqlJson() {
        return rollbackSqlJson;
    }

    public int executionCount() {
        return executionCount;
    }

    public int rollbackCount() {
        return rollbackCount;
    }

    public int rollbackSqlCount() {
        return rollbackSqlCount;
    }

    public String failure() {
        return failure;
    }

    public Double progress() {
        return progress;
    }

    public boolean abortRequested() {
        return abortRequested;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    TicketSummary summary() {
        return new TicketSummary(ticketId, title, instance, database, submitter, status, risk, mode, scheduledAt,
                submittedAt, updatedAt, stuckStep);
    }
}
