package io.tollgate.ui.tickets;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.ticket.CopyPause;
import io.tollgate.engine.ticket.FailureResolution;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.RollbackStep;
import io.tollgate.engine.ticket.StatementResult;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketEvent;
import io.tollgate.engine.ticket.TicketFinding;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.ticket.TicketPage;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.label.Labels;
import io.tollgate.integrations.mysql.execution.StatementOutcome;
import io.tollgate.engine.review.Finding;
import io.tollgate.engine.review.RuleLevel;
import io.tollgate.engine.tasklist.TaskOffer;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.ui.review.AnnotatedSql;
import io.tollgate.ui.review.FindingColumns;
import io.tollgate.engine.ticket.TicketTask;
import io.tollgate.integrations.mysql.execution.RowConflict;
import io.tollgate.engine.ticket.TicketUpdates;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.ui.layout.StuckStepBanner;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.sql.SqlEditor;
import jakarta.annotation.security.RolesAllowed;

/**
 * One ticket: its SQL, the review's findings and risk, who it waits for, the audit trail, the per-statement results of
 * the execution and of a rollback, and the recorded rollback SQL (shown and downloadable, and the start of a new
 * ticket that runs it). It offers the signed-in person exactly what they may do now: approve or reject (never their
 * own ticket), fix and resubmit, withdraw, execute, ask for a rollback, decide after a failure, or abort a running
 * online schema change (DBAs). While the ticket moves, the page follows it without a reload.
 */
@Route(value = "tickets/:ticketId", layout = MainLayout.class)
@PageTitle("Ticket · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.AUDITOR, Role.Names.ADMIN})
public class TicketDetailView extends VerticalLayout implements BeforeEnterObserver {

    static final String TICKET_ID = "ticketId";
    static final int ALL_ROWS_UP_TO = 30;
    static final Set<TicketStatus> WITHDRAWABLE = EnumSet.of(TicketStatus.REVIEWING, TicketStatus.REVIEW_FAILED,
            TicketStatus.AWAITING_APPROVAL, TicketStatus.SCHEDULED, TicketStatus.AWAITING_EXECUTION);
    /** Tickets that ended without their change: offered as the start of a new ticket. */
    static final Set<TicketStatus> COPYABLE = EnumSet.of(TicketStatus.REJECTED, TicketStatus.WITHDRAWN,
            TicketStatus.EXECUTION_FAILED, TicketStatus.CLOSED_FAILED, TicketStatus.REVIEW_FAILED);
    static final Set<TicketStatus> ROLLED_BACK_OR_ROLLING = EnumSet.of(TicketStatus.ROLLBACK_REQUESTED,
            TicketStatus.ROLLING_BACK, TicketStatus.ROLLBACK_FAILED, TicketStatus.ROLLED_BACK);
    static final Set<TicketTask.Kind> APPROVALS = EnumSet.of(TicketTask.Kind.APPROVAL, TicketTask.Kind.DBA_APPROVAL,
            TicketTask.Kind.ROLLBACK_APPROVAL);

    final H2 heading = new H2();
    final HorizontalLayout badges = new HorizontalLayout();
    final Div facts = new Div();
    final Span waitingFor = new Span();
    final Div failure = new Div();
    /** A completed rollback that left conflicting changes as they are, by a DBA's choice. */
    final Span rolledBackInPart = new Span();
    /** The ticket's process suspended by an admin in the engine (Cockpit): nothing of it moves until activated. */
    final Div suspended = new Div();
    /** A step of the ticket's process that ran out of retries (ADR 0052): which, why, and a DBA's button to retry it. */
    final StuckStepBanner stuck;
    final ProgressBar progress = new ProgressBar(0, 100);
    final Span progressText = new Span();
    final Button abort = new Button("Abort the online schema change");
    final Button pauseCopy = new Button("Pause the copy");
    final Button resumeCopy = new Button("Resume the copy");
    final VerticalLayout actions = new VerticalLayout();
    final SqlEditor sql = new SqlEditor();
    final Grid<TicketFinding> findings = new Grid<>(TicketFinding.class, false);
    /** The findings' counts per rule and level: the whole review at a glance, however many findings there are. */
    final Paragraph findingSummary = new Paragraph();
    final Grid<TicketEvent> trail = new Grid<>(TicketEvent.class, false);
    final Grid<StatementResult> execution = new Grid<>(StatementResult.class, false);
    final SqlEditor rollbackSql = new SqlEditor();
    final Anchor downloadRollback = new Anchor();
    final Button rollbackAsTicket = new Button("Submit the rollback SQL as a new ticket");
    /** On a rejected, failed or withdrawn ticket: a new ticket's form, filled in from this one. */
    final Button copyAsTicket = new Button("Copy into a new ticket");
    /** The script with every finding marked under its line and column (several per line). */
    final AnnotatedSql findingMarks = new AnnotatedSql();
    private final Labels labels = io.tollgate.ui.layout.PageLanguage.LABELS;
    final Grid<StatementResult> rollback = new Grid<>(StatementResult.class, false);
    /** The rows the last rollback found changed since execution: one line per column (before / after / now). */
    final Grid<ConflictLine> conflicts = new Grid<>(ConflictLine.class, false);
    final Paragraph conflictSummary = new Paragraph();
    private final VerticalLayout conflictSection = new VerticalLayout();
    final Span notFound = new Span();
    private final VerticalLayout body = new VerticalLayout();

    private final Tickets tickets;
    private final Tasklist tasklist;
    private final CurrentUser currentUser;
    private final TicketTimeline timeline;
    private final TicketDiscussion discussion;
    private String ticketId;
    private TicketRecord ticket;
    private List<TicketTask> myTasks = List.of();
    private String shown;
    /** What of the before-images this view has shown and recorded as read (counts of steps, conflicts, results). */
    private String beforeImagesRecorded;
    /** The ticket's SQL as last put into the editor: a submitter's unsaved fix survives re-reads until it changes. */
    private String loadedSql;
    private final TicketUpdates ticketUpdates;
    private final TaskEvents taskEvents;
    /** While the page is attached: the ticket's changes and its tasks' changes, on any node, pushed here. */
    private LiveTicket live;

    public TicketDetailView(Tickets tickets, Tasklist tasklist, CurrentUser currentUser, TicketTimeline timeline,
                            TicketDiscussion discussion, TicketUpdates ticketUpdates, TaskEvents taskEvents) {
        this.timeline = timeline;
        this.discussion = discussion;
        this.ticketUpdates = ticketUpdates;
        this.taskEvents = taskEvents;
        this.tickets = tickets;
        this.tasklist = tasklist;
        this.currentUser = currentUser;
        setWidthFull();
        heading.setId("ticket-heading");
        badges.setId("ticket-badges");
        facts.setId("ticket-facts");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        waitingFor.setId("ticket-waiting-for");
        failure.setId("ticket-failure");
        rolledBackInPart.setId("ticket-rolled-back-in-part");
        rolledBackInPart.getStyle().set("color", "var(--lumo-warning-text-color, var(--lumo-error-text-color))");
        StuckStepBanner.errorBox(failure);
        suspended.setId("ticket-suspended");
        StuckStepBanner.errorBox(suspended);
        suspended.setText("Suspended: an admin suspended this ticket's process, or the step it waits at, in the engine"
                + " (Cockpit). Nothing of it moves (no review, approval, run or rollback: its buttons answer so) until"
                + " an admin activates it.");
        suspended.setVisible(false);
        stuck = new StuckStepBanner("ticket-stuck", "a DBA", () -> act(() -> tickets.retryStuckStep(ticketId,
                currentUser.username()), "The step runs again."));
        progress.setId("ticket-progress");
        progressText.setId("ticket-progress-text");
        abort.setId("abort");
        abort.addThemeVariants(ButtonVariant.LUMO_ERROR);
        abort.addClickListener(e -> act(() -> tickets.abort(ticketId, currentUser.username(), currentUser.groups()),
                ticket != null && ticket.progress() != null
                        ? "Abort requested: the online schema change stops and the execution fails cleanly."
                        : "Abort requested: the execution stops before its next statement; what ran stays recorded."));
        pauseCopy.setId("pause-copy");
        pauseCopy.addClickListener(e -> act(() -> tickets.pauseCopy(ticketId, currentUser.username(),
                currentUser.groups(), true), "Pause requested: the copy stops before its next chunk."));
        resumeCopy.setId("resume-copy");
        resumeCopy.addClickListener(e -> act(() -> tickets.pauseCopy(ticketId, currentUser.username(),
                currentUser.groups(), false), "Resume requested: the copy goes on within a minute."));
        actions.setId("ticket-actions");
        actions.setPadding(false);

        sql.setId("ticket-sql-view");
        sql.setReadOnly(true);
        findings.setId("ticket-findings");
        FindingColumns.addTo(findings, new FindingColumns.Parts<>(TicketFinding::statement,
                f -> f.line() + ":" + f.column(), f -> labels.of(RuleLevel.class, f.level()), TicketFinding::ruleId,
                TicketFinding::message));
        findings.addItemClickListener(e -> {
            sql.revealLine(e.getItem().line());
            findingMarks.reveal(ticket == null ? -1 : ticket.findings().indexOf(e.getItem()));
        });
        findingMarks.setId("ticket-finding-marks");
        findings.setEmptyStateText("No findings.");
        findingSummary.setId("ticket-finding-summary");
        trail.setId("ticket-trail");
        trail.addColumn(e -> TicketBadges.time(e.at())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        trail.addColumn(TicketEvent::actor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        trail.addColumn(e -> labels.of(e.type())).setHeader("What")
                .setAutoWidth(true).setFlexGrow(0);
        trail.addColumn(TicketEvent::detail).setHeader("Detail").setFlexGrow(1);
        configureResults(execution, "ticket-execution", "Not executed yet.");
        configureResults(rollback, "ticket-rollback", "Not rolled back.");
        rollbackSql.setId("ticket-rollback-sql");
        rollbackSql.setReadOnly(true);
        downloadRollback.setId("download-rollback");
        rollbackAsTicket.setId("rollback-as-ticket");
        rollbackAsTicket.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        copyAsTicket.setId("copy-as-ticket");
        copyAsTicket.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(NewTicketView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of(NewTicketView.COPY_OF, List.of(ticketId))))));
        rollbackAsTicket.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate(NewTicketView.class,
                new com.vaadin.flow.router.QueryParameters(java.util.Map.of(NewTicketView.ROLLBACK_OF, List.of(ticketId))))));
        notFound.setId("ticket-not-found");

        HorizontalLayout progressRow = new HorizontalLayout(progress, progressText, pauseCopy, resumeCopy, abort);
        progressRow.setWidthFull();
        progressRow.setAlignItems(FlexComponent.Alignment.CENTER);
        progressRow.setFlexGrow(1, progress);
        // the bar takes a line of its own on a narrow screen; the text never breaks
        progressRow.setWrap(true);
        progress.setMinWidth("12em");
        progressText.getStyle().set("white-space", "nowrap");
        progressRow.setId("ticket-progress-row");
        body.setPadding(false);
        // the actions right under the SQL they act on (a phone shows the SQL before Approve)
        body.add(heading, badges, facts, waitingFor, suspended, failure, rolledBackInPart, stuck, progressRow,
                new H3("SQL"), sql, actions, copyAsTicket, new H3("Review findings"), findingSummary, findings,
                findingMarks, new H3("Execution"), execution,
                new H3("Rollback SQL"), new HorizontalLayout(downloadRollback, rollbackAsTicket), rollbackSql,
                new H3("Rollback"), rollback, conflictSection, new H3("Trail"), trail, discussion, timeline);
        conflicts.setId("ticket-conflicts");
        conflicts.addColumn(ConflictLine::statement).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        conflicts.addColumn(ConflictLine::row).setHeader("Row").setAutoWidth(true);
        conflicts.addColumn(ConflictLine::column).setHeader("Column").setAutoWidth(true).setFlexGrow(0);
        conflicts.addColumn(ConflictLine::before).setHeader("Before the ticket").setTooltipGenerator(ConflictLine::before);
        conflicts.addColumn(ConflictLine::after).setHeader("The ticket left").setTooltipGenerator(ConflictLine::after);
        conflicts.addColumn(ConflictLine::now).setHeader("Now").setTooltipGenerator(ConflictLine::now);
        conflicts.addColumn(ConflictLine::reason).setHeader("What happened").setAutoWidth(true);
        conflictSummary.setId("ticket-conflict-summary");
        conflictSection.setPadding(false);
        conflictSection.add(new H3("Rows changed since the ticket executed"), conflictSummary, conflicts);
        conflictSection.setVisible(false);
        add(notFound, body);
    }

    /** The route parameters of a ticket's page. */
    public static RouteParameters parameters(String ticketId) {
        return new RouteParameters(TICKET_ID, ticketId);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        ticketId = event.getRouteParameters().get(TICKET_ID).orElse("");
        timeline.show(ticketId);
        discussion.show(ticketId);
        shown = null;
        loadedSql = null;
        if (!follow()) {
            refresh(); // not attached yet (the first navigation): onAttach follows, and reads again then
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        // the layout keeps its scroll position between views: start at the top, not where the last page was
        heading.scrollIntoView();
        follow();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        unfollow();
    }

    /**
     * Follows this ticket while the page is attached: a change of the ticket or of one of its tasks, committed on this
     * node or another, is pushed here (no polling, issue 16). Moving to another ticket on the same page follows that.
     * Following reads the ticket once it is subscribed ({@link LiveTicket}), so nothing committed before is missed.
     * True when it started following (it was not already).
     */
    private boolean follow() {
        Optional<UI> ui = getUI();
        if (ui.isEmpty() || ticketId == null || live != null && live.ticketId().equals(ticketId)) {
            return false;
        }
        unfollow();
        live = LiveTicket.follow(ui.get(), ticketId, ticketUpdates, taskEvents, this::refresh);
        return true;
    }

    private void unfollow() {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    /** Reads the ticket and the person's tasks on it again; redraws only what changed, so typed comments survive. */
    void refresh() {
        Optional<TicketRecord> found = tickets.find(ticketId);
        notFound.setVisible(found.isEmpty());
        body.setVisible(found.isPresent());
        if (found.isEmpty()) {
            notFound.setText("No ticket " + ticketId + ".");
            return;
        }
        ticket = found.get();
        myTasks = tickets.tasksFor(currentUser.username(), currentUser.groups()).stream()
                .filter(t -> t.ticket().id().equals(ticketId)).toList();
        List<TicketTask> open = tickets.openTasks(ticketId);
        showProgress();
        discussion.refresh();
        String signature = ticket.status() + "|" + ticket.updatedAt() + "|" + ticket.trail().size() + "|"
                + ticket.suspended() + "|"
                + myTasks.stream().map(t -> t.taskId() + ":" + t.assignee()).toList() + "|"
                + open.stream().map(t -> t.taskId() + ":" + t.assignee()).toList();
        if (signature.equals(shown)) {
            return;
        }
        shown = signature;
        heading.setText(ticket.id() + " · " + ticket.title());
        badges.removeAll();
        badges.add(TicketBadges.status(ticket.status(), ticket.stuckStep()), TicketBadges.risk(ticket.risk()));
        facts.setText(ticket.instance() + " / " + ticket.database() + " · submitted by " + ticket.submitter() + " at "
                + TicketBadges.time(ticket.submittedAt())
                + (ticket.requestedReviewer() == null ? "" : " · asked " + ticket.requestedReviewer() + " to review")
                + " · " + labels.count(ticket.statementCount(), "statement")
                + (ticket.affectedRows() == null ? "" : " · " + ticket.affectedRows().describe())
                + " · executes " + switch (ticket.mode()) {
                    case AFTER_APPROVAL -> "right after approval";
                    case SCHEDULED -> "at " + TicketBadges.time(ticket.scheduledAt());
                    case MANUAL -> "when " + ticket.submitter() + " presses Execute";
                } + " · reason: " + ticket.reason());
        waitingFor.setText(open.isEmpty() ? "" : "Waiting for: " + String.join("; ", open.stream()
                .map(this::waitsFor).toList()));
        failure.setText(ticket.failure() == null ? "" : ticket.failure());
        failure.setVisible(ticket.failure() != null);
        boolean inPart = ticket.status() == TicketStatus.ROLLED_BACK && ticket.rollbackLeft() > 0;
        rolledBackInPart.setText(!inPart ? "" : "Rolled back in part: " + ticket.rollbackLeft() + " conflicting change"
                + (ticket.rollbackLeft() == 1 ? " was" : "s were") + " left as " + (ticket.rollbackLeft() == 1
                ? "it is" : "they are") + " now, as a DBA chose (the rollback's results and What happened say which).");
        rolledBackInPart.setVisible(inPart);
        suspended.setVisible(ticket.suspended());
        stuck.show(ticket.stuckStep(), ticket.stuckReason(), Permission.RESOLVE_FAILURES.allows(currentUser.roles()));
        if (!Objects.equals(loadedSql, ticket.sql())) {
            loadedSql = ticket.sql();
            sql.setValue(ticket.sql());
        }
        sql.setReadOnly(!fixing());
        sql.setWrapped(!fixing()); // read whole on a phone, never cut at the screen's edge
        sql.setHeight(fixing() ? "18em" : fitting(ticket.sql()));
        showFindings();
        findingMarks.setVisible(!ticket.findings().isEmpty());
        if (findingMarks.isVisible()) {
            findingMarks.show(ticket.sql(), ticket.findings().stream().map(f -> new Finding(f.ruleId(),
                    RuleLevel.valueOf(f.level()), f.message(), f.line(), f.column())).toList());
        }
        copyAsTicket.setVisible(COPYABLE.contains(ticket.status())
                && Permission.SUBMIT_TICKET.allows(currentUser.roles()));
        show(trail, ticket.trail());
        String id = ticket.id();
        showPaged(execution, ticket.execution(), ticket.executionCount(),
                (offset, limit) -> tickets.executionResults(id, offset, limit).map(TicketPage::items));
        showPaged(rollback, ticket.rollback(), ticket.rollbackCount(),
                (offset, limit) -> tickets.rollbackResults(id, offset, limit).map(TicketPage::items));
        boolean beforeImages = ticket.submitter().equals(currentUser.username())
                || Permission.READ_BEFORE_IMAGES.allows(currentUser.roles());
        conflictSection.setVisible(ticket.conflictCount() > 0);
        long heldBack = ticket.conflicts().stream().filter(RowConflict::heldBack).count();
        // a DDL inverse's conflict names its table without a row (ADR 0043)
        boolean dropped = ticket.conflicts().stream().anyMatch(c -> c.key().isEmpty());
        conflictSummary.setText((dropped && ticket.conflictCount() == 1
                ? "The table or column the rollback would drop holds data written after the ticket executed"
                : ticket.conflictCount() + " row" + (ticket.conflictCount() == 1 ? "" : "s")
                + " changed after the ticket executed" + (heldBack > 0 ? " or cannot be restored without changing"
                + " other rows" : "") + (dropped ? " or would be dropped with data written since" : ""))
                + ", so the rollback changed nothing. A DBA may roll back the other rows only, force"
                + " the rollback over the newer values (with a reason), or close the ticket."
                + (heldBack > 0 ? " " + heldBack + " listed row" + (heldBack == 1 ? " stays" : "s stay") + " as "
                + (heldBack == 1 ? "it is" : "they are") + " whatever is chosen, Force included: restoring "
                + (heldBack == 1 ? "it" : "them") + " would change rows the ticket never touched (What happened"
                + " says how)." : "")
                + (ticket.conflicts().size() < ticket.conflictCount() ? " The first " + ticket.conflicts().size()
                + " are listed." : "") + (beforeImages ? "" : " Their values are before-images: only the"
                + " submitter, reviewers, DBAs, auditors and admins see them."));
        show(conflicts, beforeImages ? ConflictLine.of(ticket.conflicts()) : List.of());
        String script = beforeImages ? rollbackScript(ticket) : "";
        int more = ticket.rollbackSqlCount() - ticket.rollbackSql().size();
        rollbackSql.setValue(!beforeImages ? "-- the rollback SQL holds row values (before-images): only the"
                + " submitter, reviewers, DBAs, auditors and admins read it"
                : script.isEmpty() ? "-- no rollback SQL recorded (yet)"
                : more > 0 ? script + "-- ... and " + more + " more steps: download the whole script" : script);
        rollbackSql.setHeight(fitting(rollbackSql.getValue()));
        // row values on the page are a read of before-images: in the audit trail once a page view, and again when
        // what it shows of them changes (new steps, new conflicts), not at every redraw
        String beforeImagesShown = beforeImages && (!script.isEmpty() || !ticket.conflicts().isEmpty())
                ? ticket.rollbackSqlCount() + "|" + ticket.conflictCount() + "|" + ticket.rollbackCount() : null;
        if (beforeImagesShown != null && !beforeImagesShown.equals(beforeImagesRecorded)) {
            tickets.beforeImagesRead(id, currentUser.username(), "shown on the ticket page");
            beforeImagesRecorded = beforeImagesShown;
        }
        downloadRollback.setVisible(!script.isEmpty());
        if (!script.isEmpty()) {
            String file = ticket.id() + "-rollback.sql";
            String reader = currentUser.username();
            // written a page at a time as it is sent: the whole script is never held (issue 13)
            downloadRollback.setHref((DownloadHandler) download -> {
                tickets.beforeImagesRead(id, reader, "the rollback script downloaded from the ticket page");
                download.setFileName(file);
                download.setContentType("application/sql");
                try (Writer out = new OutputStreamWriter(download.getOutputStream(), StandardCharsets.UTF_8)) {
                    writeRollbackScript(tickets, id, out);
                }
            }, AttachmentType.DOWNLOAD);
            downloadRollback.setText("Download " + file);
        }
        // once rolled back (or rolling back), submitting the rollback SQL again no longer applies
        rollbackAsTicket.setVisible(!script.isEmpty() && !ROLLED_BACK_OR_ROLLING.contains(ticket.status())
                && Permission.SUBMIT_TICKET.allows(currentUser.roles()));
        showActions();
    }

    private void showProgress() {
        boolean executing = ticket.status() == TicketStatus.EXECUTING;
        // an online schema change reports its copy's progress; any run stops on a DBA's abort (before its next
        // statement, or within the copy); a rollback that takes more than a second, the share of its statements undone
        boolean copying = executing && ticket.progress() != null;
        boolean rollingBack = ticket.status() == TicketStatus.ROLLING_BACK && ticket.progress() != null;
        progress.getParent().ifPresent(row -> row.setVisible(copying || rollingBack || executing && isDba()));
        progress.setVisible(copying || rollingBack);
        progressText.setVisible(copying || rollingBack);
        if (copying || rollingBack) {
            progress.setValue(Math.max(0, Math.min(100, ticket.progress())));
            progressText.setText(copying
                    ? String.format(java.util.Locale.ROOT, "%.1f %% (online schema change, %s)", ticket.progress(),
                    labels.of(ticket.copyPause()))
                    : String.format(java.util.Locale.ROOT, "%.1f %% of the rollback's statements undone",
                    ticket.progress()));
        }
        boolean held = ticket.copyPause() == CopyPause.PAUSING || ticket.copyPause() == CopyPause.PAUSED;
        abort.setText(copying ? "Abort the online schema change" : "Abort the execution");
        abort.setVisible(executing && isDba());
        pauseCopy.setVisible(copying && isDba() && !held);
        resumeCopy.setVisible(copying && isDba() && held);
    }

    private boolean fixing() {
        return task(TicketTask.Kind.FIX).isPresent();
    }

    private void showActions() {
        actions.removeAll();
        boolean submitter = ticket.submitter().equals(currentUser.username());
        for (TicketTask task : myTasks) {
            if (APPROVALS.contains(task.kind())) {
                actions.add(decision(task));
            } else if (task.kind() == TicketTask.Kind.RESOLVE_FAILURE
                    || task.kind() == TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE) {
                actions.add(resolution(task));
            }
        }
        HorizontalLayout mine = new HorizontalLayout();
        mine.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (submitter && fixing()) {
            Button resubmit = new Button("Resubmit the fixed SQL", e -> act(() -> tickets.resubmit(ticketId,
                    currentUser.username(), sql.getValue()), "Resubmitted: the review runs again."));
            resubmit.setId("resubmit");
            resubmit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            mine.add(new Span("The review found errors: fix the SQL above, then"), resubmit);
        }
        if (submitter && task(TicketTask.Kind.CONFIRM_EXECUTION).isPresent()) {
            Button execute = new Button("Execute now", e -> act(() -> tickets.execute(ticketId, currentUser.username()),
                    "Execution requested."));
            execute.setId("execute");
            execute.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
            mine.add(execute);
        }
        if (submitter && WITHDRAWABLE.contains(ticket.status())) {
            Button withdraw = new Button("Withdraw", e -> confirmWithdrawal());
            withdraw.setId("withdraw");
            withdraw.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            mine.add(withdraw);
        }
        if (mine.getComponentCount() > 0) {
            actions.add(mine);
        }
        if (submitter && ticket.status() == TicketStatus.EXECUTED) {
            actions.add(rollbackRequest());
        }
        actions.setVisible(actions.getComponentCount() > 0);
    }

    private Component decision(TicketTask task) {
        TextArea comment = new TextArea(task.taskName() + ": comment (required to reject)");
        comment.setId("decision-comment");
        comment.setWidthFull();
        comment.setMaxLength(ApprovalPolicy.MAX_COMMENT);
        Button approve = new Button(task.kind() == TicketTask.Kind.ROLLBACK_APPROVAL ? "Approve the rollback" : "Approve",
                e -> act(() -> tickets.decide(task.taskId(), currentUser.username(), currentUser.groups(), true,
                        comment.getValue()), "Approved."));
        approve.setId("approve");
        approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        Button reject = new Button("Reject", e -> act(() -> tickets.decide(task.taskId(), currentUser.username(),
                currentUser.groups(), false, comment.getValue()), "Rejected."));
        reject.setId("reject");
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        VerticalLayout box = new VerticalLayout(comment, new HorizontalLayout(approve, reject));
        box.setPadding(false);
        box.setId("decision");
        return box;
    }

    /** Whether the execution reported a statement done; when its first page cannot tell, the use case decides. */
    private boolean somethingRan() {
        return ticket == null || ticket.executionCount() > ticket.execution().size()
                || ticket.execution().stream().anyMatch(r -> "EXECUTED".equals(r.status())
                || "ALREADY_DONE".equals(r.status()));
    }

    private Component resolution(TicketTask task) {
        TextArea comment = new TextArea(task.taskName() + ": what you found (required to close)");
        comment.setId("resolution-comment");
        comment.setWidthFull();
        comment.setMaxLength(ApprovalPolicy.MAX_COMMENT);
        HorizontalLayout buttons = new HorizontalLayout();
        buttons.add(resolutionButton(task, comment, FailureResolution.RETRY, "Retry what did not complete"));
        if (task.kind() == TicketTask.Kind.RESOLVE_FAILURE && somethingRan()) {
            buttons.add(resolutionButton(task, comment, FailureResolution.ROLL_BACK, "Roll back what ran"));
        }
        if (task.kind() == TicketTask.Kind.RESOLVE_ROLLBACK_FAILURE && ticket != null && ticket.conflictCount() > 0) {
            comment.setLabel(task.taskName() + ": what you found (required to close or force)");
            buttons.add(resolutionButton(task, comment, FailureResolution.ROLL_BACK_WITHOUT_CONFLICTS,
                    "Roll back the other rows only"));
            Button force = resolutionButton(task, comment, FailureResolution.FORCE_ROLLBACK,
                    "Force: overwrite the newer values");
            force.addThemeVariants(ButtonVariant.LUMO_ERROR);
            buttons.add(force);
        }
        buttons.add(resolutionButton(task, comment, FailureResolution.CLOSE, "Close as failed"));
        buttons.setWrap(true);
        VerticalLayout box = new VerticalLayout(comment, buttons);
        box.setPadding(false);
        box.setId("resolution");
        return box;
    }

    private Button resolutionButton(TicketTask task, TextArea comment, FailureResolution resolution, String label) {
        Button button = new Button(label, e -> act(() -> tickets.resolve(task.taskId(), currentUser.username(),
                currentUser.groups(), resolution, comment.getValue()), label + ": done."));
        button.setId("resolve-" + resolution.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (resolution == FailureResolution.CLOSE) {
            button.addThemeVariants(ButtonVariant.LUMO_ERROR);
        }
        return button;
    }

    private Component rollbackRequest() {
        TextArea reason = new TextArea("Ask for a rollback: why");
        reason.setId("rollback-reason");
        reason.setWidthFull();
        reason.setMaxLength(TicketDraft.MAX_REASON);
        Button request = new Button("Request rollback", e -> act(() -> tickets.requestRollback(ticketId,
                currentUser.username(), reason.getValue()), "Rollback requested: it is approved like a ticket, then runs."));
        request.setId("request-rollback");
        VerticalLayout box = new VerticalLayout(reason, request);
        box.setPadding(false);
        return box;
    }

    private void confirmWithdrawal() {
        ConfirmDialog dialog = new ConfirmDialog("Withdraw " + ticketId + "?",
                "Nothing of it will run, and it cannot be resumed.", "Withdraw",
                e -> act(() -> tickets.withdraw(ticketId, currentUser.username()), "Withdrawn."));
        dialog.setCancelable(true);
        dialog.setConfirmButtonTheme("error primary");
        dialog.setId("withdraw-dialog");
        dialog.open();
    }

    /** Runs an action; a refusal or bad input is shown as the server said it, and the page is read again either way. */
    void act(Runnable action, String done) {
        try {
            action.run();
            notify(done, NotificationVariant.LUMO_SUCCESS);
        } catch (InvalidTicketException invalid) {
            notify(String.join("; ", invalid.problems()), NotificationVariant.LUMO_ERROR);
        } catch (TicketNotAllowedException | ApprovalRefusedException | PermissionDeniedException refused) {
            notify(refused.getMessage(), NotificationVariant.LUMO_ERROR);
        }
        shown = null;
        refresh();
    }

    private static void notify(String text, NotificationVariant variant) {
        Notification notification = Notification.show(text, 6_000, Notification.Position.TOP_CENTER);
        notification.addThemeVariants(variant);
    }

    /** "Approve as a reviewer: claimed by rob" or "…: any of reviewer (rita, rob), unclaimed". */
    private String waitsFor(TicketTask task) {
        String what = labels.of(task.kind());
        if (task.assignee() != null) {
            return what + ": " + task.assignee() + (APPROVALS.contains(task.kind()) ? " (claimed)" : "");
        }
        TaskOffer offer = tasklist.offer(task.taskId());
        String groups = offer.groups().stream().map(g -> Role.fromGroupId(g).map(labels::of).orElse(g))
                .collect(java.util.stream.Collectors.joining(", "));
        return what + ": unclaimed, any of " + (groups.isEmpty() ? "" : groups + " ")
                + (offer.people().isEmpty() ? "(nobody can take it yet: ask an admin)"
                : "(" + String.join(", ", offer.people()) + ")");
    }

    private Optional<TicketTask> task(TicketTask.Kind kind) {
        return myTasks.stream().filter(t -> t.kind() == kind).findFirst();
    }

    private boolean isDba() {
        return Permission.ABORT_EXECUTION.allows(currentUser.roles());
    }

    /** The recorded inverses the ticket's record carries (the first ones) as a script, in the order a rollback runs. */
    static String rollbackScript(TicketRecord ticket) {
        StringBuilder script = new StringBuilder();
        for (RollbackStep step : ticket.rollbackSql()) {
            append(script, step);
        }
        return script.toString();
    }

    /**
     * The whole recorded rollback SQL of a ticket as one script, read a page at a time; empty when it has none or
     * when it is longer than {@code maxChars}.
     */
    static Optional<String> wholeRollbackScript(Tickets tickets, String ticketId, int maxChars) {
        StringBuilder script = new StringBuilder();
        for (int offset = 0; ; offset += Tickets.MAX_PAGE) {
            List<RollbackStep> page = tickets.rollbackSql(ticketId, offset, Tickets.MAX_PAGE)
                    .map(TicketPage::items).orElse(List.of());
            for (RollbackStep step : page) {
                append(script, step);
                if (script.length() > maxChars) {
                    return Optional.empty();
                }
            }
            if (page.size() < Tickets.MAX_PAGE) {
                return script.isEmpty() ? Optional.empty() : Optional.of(script.toString());
            }
        }
    }

    /** Writes the whole recorded rollback SQL, a page at a time. */
    static void writeRollbackScript(Tickets tickets, String ticketId, Writer out) throws IOException {
        io.tollgate.engine.ticket.RollbackScript.write(tickets, ticketId, out);
    }

    private static void append(StringBuilder script, RollbackStep step) {
        io.tollgate.engine.ticket.RollbackScript.append(script, step);
    }

    /** A viewer as tall as its script, between 3 and 20 lines (longer scripts scroll). */
    static String fitting(String script) {
        long lines = script == null ? 1 : script.lines().count();
        return (Math.max(3, Math.min(20, lines)) * 1.5 + 1.5) + "em";
    }

    /**
     * The findings a page at a time as the grid scrolls (issue 13: a ticket may have 200,000), counted from the
     * ticket's record; short lists show whole.
     */
    private void showFindings() {
        int count = ticket.findingCount();
        findingSummary.setVisible(count > 0);
        findingSummary.setText(count + " finding" + (count == 1 ? "" : "s") + ": " + String.join(", ",
                ticket.findingSummary().stream().map(c -> c.ruleId() + " " + c.level().toLowerCase(java.util.Locale.ROOT)
                        + " × " + c.count()).toList()));
        String id = ticket.id();
        showPaged(findings, ticket.findings(), count,
                (offset, limit) -> tickets.findings(id, offset, limit).map(TicketPage::items));
    }

    /** Reads one page of a per-statement list. */
    private interface Pages<T> {
        Optional<List<T>> read(int offset, int limit);
    }

    /** A per-statement list: whole when the record carries all of it, else a page at a time as the grid scrolls. */
    private static <T> void showPaged(Grid<T> grid, List<T> first, int count, Pages<T> pages) {
        if (count <= first.size()) {
            show(grid, first);
            return;
        }
        grid.setItems(query -> pages.read(query.getOffset(), Math.min(query.getLimit(), Tickets.MAX_PAGE))
                .orElse(List.of()).stream(), query -> count);
        grid.setAllRowsVisible(false);
        grid.setHeight("28em");
    }

    /** Short lists show whole; long ones (a 10,000-statement ticket) scroll in a grid of fixed height. */
    private static <T> void show(Grid<T> grid, List<T> rows) {
        grid.setItems(rows);
        grid.setAllRowsVisible(rows.size() <= ALL_ROWS_UP_TO);
        if (rows.size() > ALL_ROWS_UP_TO) {
            grid.setHeight("28em");
        }
    }

    private static void configureResults(Grid<StatementResult> grid, String id, String empty) {
        grid.setId(id);
        grid.addColumn(StatementResult::index).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(StatementResult::kind).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> io.tollgate.ui.layout.PageLanguage.LABELS.of(StatementOutcome.Status.class, r.status())).setHeader("Result")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.affectedRows() < 0 ? "" : Long.toString(r.affectedRows())).setHeader("Rows")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(StatementResult::message).setHeader("Message").setFlexGrow(1);
        grid.setEmptyStateText(empty);
    }
}
