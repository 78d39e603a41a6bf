package io.tollgate.ui.tickets;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.account.Accounts;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.schema.InstanceSchemas;
import io.tollgate.ui.schema.DatabasePicker;
import io.tollgate.engine.ticket.ExecutionMode;
import io.tollgate.engine.ticket.InvalidTicketException;
import io.tollgate.engine.ticket.TicketDraft;
import io.tollgate.engine.ticket.TicketNotAllowedException;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.ticket.TicketRecord;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.sql.SqlEditor;
import io.tollgate.ui.sql.SqlUpload;
import jakarta.annotation.security.RolesAllowed;

/**
 * Submits a ticket: title, instance, database, the SQL (typed in the highlighting editor, or a {@code .sql} upload up
 * to the ticket size limit), a reason and when it executes. {@code ?rollbackOf=T-…} starts from the recorded rollback
 * SQL of an executed ticket, so undoing it can itself go through review as a new ticket. Every problem of the form is
 * listed at once and nothing is submitted until all are fixed.
 */
@Route(value = "tickets/new", layout = MainLayout.class)
@PageTitle("New ticket · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.ADMIN})
public class NewTicketView extends VerticalLayout implements BeforeEnterObserver {

    static final String ROLLBACK_OF = "rollbackOf";
    /** A rejected, failed or withdrawn ticket whose title, target, SQL and reason start the form. */
    static final String COPY_OF = "copyOf";

    final TextField title = new TextField("Title");
    final ComboBox<InstanceView> instance = new ComboBox<>("Instance");
    final DatabasePicker database;
    /** Optional: the reviewer the submitter asks for, among those who may review tickets on the instance. */
    final ComboBox<String> reviewer = new ComboBox<>("Reviewer (optional)");
    final SqlEditor sql = new SqlEditor();
    final TextArea reason = new TextArea("Reason");
    final RadioButtonGroup<ExecutionMode> mode = new RadioButtonGroup<>("Execute");
    final DateTimePicker scheduledAt = new DateTimePicker("At");
    final Button submit = new Button("Submit for review");
    final Span uploadStatus = new Span();
    final UnorderedList problems = new UnorderedList();
    final Span origin = new Span();

    private final Tickets tickets;
    private final TargetInstances instances;
    private final CurrentUser currentUser;
    private final Accounts accounts;

    public NewTicketView(Tickets tickets, TargetInstances instances, CurrentUser currentUser, InstanceSchemas schemas,
                         Accounts accounts) {
        this.accounts = accounts;
        this.database = new DatabasePicker("Database", schemas, currentUser.username());
        this.tickets = tickets;
        this.instances = instances;
        this.currentUser = currentUser;
        setWidthFull();
        setMaxWidth("72em");

        title.setId("ticket-title");
        title.setWidthFull();
        title.setRequiredIndicatorVisible(true);
        instance.setId("ticket-instance");
        instance.setItems(instances.list().stream().filter(i -> !i.readOnly()).toList());
        instance.setItemLabelGenerator(i -> i.name() + " (" + io.tollgate.ui.layout.PageLanguage.LABELS.of(i.environment()) + ", reviewed by " + i.reviewerGroup() + ")");
        instance.setRequiredIndicatorVisible(true);
        instance.setHelperText("Read-only instances are not listed: Tollgate does not execute on them.");
        database.setId("ticket-database");
        instance.addValueChangeListener(e -> {
            database.showDatabasesOf(e.getValue());
            showReviewersOf(e.getValue());
        });
        reviewer.setId("ticket-reviewer");
        reviewer.setClearButtonVisible(true);
        reviewer.setHelperText("Pick an instance first. Left empty, anyone of its reviewers may take it.");
        reviewer.setEnabled(false);
        database.setRequiredIndicatorVisible(true);
        sql.setId("ticket-sql");
        reason.setId("ticket-reason");
        reason.setWidthFull();
        reason.setRequiredIndicatorVisible(true);
        reason.setPlaceholder("Why this change, and why now");

        mode.setId("ticket-mode");
        mode.setItems(ExecutionMode.values());
        mode.setItemLabelGenerator(m -> switch (m) {
            case AFTER_APPROVAL -> "Right after approval";
            case SCHEDULED -> "At a scheduled time";
            case MANUAL -> "When I press Execute";
        });
        mode.setValue(ExecutionMode.AFTER_APPROVAL);
        scheduledAt.setId("ticket-scheduled-at");
        scheduledAt.setVisible(false);
        scheduledAt.setStep(java.time.Duration.ofMinutes(5));
        scheduledAt.setHelperText("Tollgate's time zone: " + ZoneId.systemDefault().getId());
        mode.addValueChangeListener(e -> scheduledAt.setVisible(e.getValue() == ExecutionMode.SCHEDULED));

        Upload upload = SqlUpload.into(sql, Tickets.MAX_SQL_CHARS, uploadStatus::setText);
        upload.setId("ticket-upload");
        upload.setDropLabel(new Span("or drop a .sql file (up to " + Tickets.MAX_SQL_CHARS / (1024 * 1024) + " MB)"));
        uploadStatus.setId("ticket-upload-status");

        submit.setId("ticket-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submitTicket());
        problems.setId("ticket-problems");
        problems.getStyle().set("color", "var(--lumo-error-text-color)");
        origin.setId("ticket-origin");

        FormLayout target = new FormLayout(instance, database, reviewer);
        target.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        HorizontalLayout when = new HorizontalLayout(mode, scheduledAt);
        when.setAlignItems(FlexComponent.Alignment.BASELINE);
        Span sqlLabel = new Span("SQL");
        sqlLabel.addClassName("tollgate-field-label");
        Div hint = new Div(new Span("Tip: the SQL self-check shows the review's findings before you submit."));
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(new H2("New ticket"), origin, title, target, sqlLabel, sql, new HorizontalLayout(upload, uploadStatus),
                hint, reason, when, problems, submit);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault(ROLLBACK_OF, List.of());
        if (!ids.isEmpty()) {
            tickets.find(ids.get(0)).ifPresentOrElse(this::startFromRollbackOf,
                    () -> origin.setText("Ticket " + ids.get(0) + " does not exist; starting from an empty ticket."));
        }
        List<String> copies = event.getLocation().getQueryParameters().getParameters().getOrDefault(COPY_OF, List.of());
        if (!copies.isEmpty()) {
            tickets.find(copies.get(0)).ifPresentOrElse(this::startFromCopyOf,
                    () -> origin.setText("Ticket " + copies.get(0) + " does not exist; starting from an empty ticket."));
        }
    }

    /** Fills the form from an earlier ticket (read through the same permission check as its page). */
    void startFromCopyOf(TicketRecord earlier) {
        origin.setText("Copy of " + earlier.id() + " (" + earlier.title() + "): change what needs changing, then"
                + " submit. It is reviewed and approved as a new ticket.");
        title.setValue(abbreviate(earlier.title(), 200));
        instances.find(earlier.instance()).filter(i -> !i.readOnly()).ifPresent(instance::setValue);
        database.setValue(earlier.database());
        sql.setValue(earlier.sql());
        reason.setValue(earlier.reason() == null ? "" : earlier.reason());
        mode.setValue(earlier.mode() == ExecutionMode.SCHEDULED ? ExecutionMode.AFTER_APPROVAL : earlier.mode());
    }

    /** Fills the form with the recorded rollback SQL of {@code executed}, in the order a rollback runs it. */
    void startFromRollbackOf(TicketRecord executed) {
        if (!executed.submitter().equals(currentUser.username())
                && !Permission.READ_BEFORE_IMAGES.allows(currentUser.roles())) {
            // its row values are before-images: only their readers start a ticket from them (a helper's finding:
            // any engineer read them here, and nothing recorded it)
            origin.setText("The rollback SQL of " + executed.id() + " holds row values (before-images): only its"
                    + " submitter, reviewers, DBAs, auditors and admins read it; starting from an empty ticket.");
            return;
        }
        if (executed.rollbackSqlCount() == 0) {
            origin.setText("Ticket " + executed.id() + " has no recorded rollback SQL.");
            return;
        }
        Optional<String> whole = TicketDetailView.wholeRollbackScript(tickets, executed.id(), Tickets.MAX_SQL_CHARS);
        if (whole.isEmpty()) {
            origin.setText("The rollback SQL of " + executed.id() + " is longer than one ticket may be: download it"
                    + " from the ticket's page and submit it in parts.");
            return;
        }
        String script = whole.get();
        tickets.beforeImagesRead(executed.id(), currentUser.username(), "read into a new ticket's SQL");
        origin.setText("Rollback of " + executed.id() + " (" + executed.title() + "): review the SQL, then submit.");
        title.setValue(abbreviate("Roll back " + executed.id() + ": " + executed.title(), 200));
        instances.find(executed.instance()).filter(i -> !i.readOnly()).ifPresent(instance::setValue);
        database.setValue(executed.database());
        sql.setValue(script);
        reason.setValue("Undo " + executed.id() + ": ");
    }

    /** The people who may review a ticket on the instance, for the reviewer field. */
    private void showReviewersOf(InstanceView chosen) {
        String kept = reviewer.getValue();
        List<String> people = chosen == null ? List.of() : tickets.reviewersFor(chosen.name(), currentUser.username());
        java.util.Map<String, String> names = new java.util.HashMap<>();
        people.forEach(p -> accounts.find(p).ifPresent(a -> names.put(p, a.displayName())));
        reviewer.setItemLabelGenerator(p -> names.containsKey(p) && !names.get(p).equals(p)
                ? names.get(p) + " (" + p + ")" : p);
        reviewer.setItems(people);
        reviewer.setValue(kept != null && people.contains(kept) ? kept : null);
        reviewer.setEnabled(!people.isEmpty());
        reviewer.setHelperText(chosen == null ? "Pick an instance first. Left empty, anyone of its reviewers may take it."
                : people.isEmpty() ? "Nobody may review tickets on " + chosen.name() + " at the moment."
                : "Left empty, anyone of the " + people.size() + " who may review it can take it.");
    }

    Optional<TicketRecord> submitTicket() {
        problems.removeAll();
        ExecutionMode chosen = mode.getValue();
        LocalDateTime at = scheduledAt.getValue();
        TicketDraft draft = new TicketDraft(title.getValue(), instance.getValue() == null ? null : instance.getValue().name(),
                database.name(), sql.getValue(), reason.getValue(), chosen,
                chosen == ExecutionMode.SCHEDULED && at != null ? at.atZone(ZoneId.systemDefault()).toInstant() : null,
                reviewer.getValue());
        try {
            TicketRecord ticket = tickets.submit(currentUser.username(), draft);
            getUI().ifPresent(ui -> ui.navigate(TicketDetailView.class, TicketDetailView.parameters(ticket.id())));
            return Optional.of(ticket);
        } catch (InvalidTicketException invalid) {
            invalid.problems().forEach(p -> problems.add(new ListItem(p)));
        } catch (TicketNotAllowedException | PermissionDeniedException refused) {
            problems.add(new ListItem(refused.getMessage()));
        }
        return Optional.empty();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
