package io.tollgate.ui.history;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.audit.AuditEntry;
import io.tollgate.engine.audit.AuditExport;
import io.tollgate.engine.audit.AuditFilter;
import io.tollgate.engine.audit.AuditSearch;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.audit.AuditVerification;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.timeline.Timelines;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.JsonDisplay;
import io.tollgate.ui.servicetree.ServiceTreeChangeView;
import io.tollgate.ui.tickets.TicketDetailView;
import io.tollgate.ui.tickets.TicketTimeline;

/**
 * The whole audit trail for auditors: filters (time, actor, kind, subject, instance, database, environment,
 * outcome, free text over comments and SQL), a lazy grid newest first (pages fetched as it scrolls, no exact count:
 * "more than 10,000" past that), an entry's details with its payload and a link to its ticket or change, the
 * download of the filtered view as CSV or JSON Lines, and the chain's verification.
 */
class AuditTrailPanel extends VerticalLayout {

    static final int COUNT_CAP = 10_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    final Button verify = new Button("Verify the trail");
    final Span verification = new Span();
    final Grid<AuditEntry> entries = new Grid<>(AuditEntry.class, false);
    final Span count = new Span();
    final Span problem = new Span();

    final DatePicker from = HumanTime.datePicker("From (UTC day)");
    final DatePicker to = HumanTime.datePicker("To (UTC day, inclusive)");
    final TextField actor = new TextField("Who");
    final ComboBox<String> kind = new ComboBox<>("What");
    final TextField subject = new TextField("Ticket, change or subject");
    final TextField instance = new TextField("Instance");
    final TextField database = new TextField("Database");
    final ComboBox<String> environment = new ComboBox<>("Environment");
    final ComboBox<String> outcome = new ComboBox<>("Outcome");
    final TextField text = new TextField("Text (comments, SQL)");
    final Button search = new Button("Search");
    final Button clear = new Button("Clear");
    final Anchor csv;
    final Anchor jsonl;

    private final String reader;
    /** Whether the reader may open a page: an entry links to its ticket's or change's page only then. */
    private final java.util.function.Predicate<Class<?>> mayOpen;
    private final AuditSearch trailSearch;
    private final Timelines timelines;
    private volatile AuditFilter filter = AuditFilter.ALL;
    /**
     * The grid shows the trail as it was when the search ran (entries older than this id): it pages by offset,
     * newest first, and entries written meanwhile shifted every later page, so rows repeated and the newest never
     * showed. Searching again takes a new look.
     */
    private volatile Long shownBefore;

    AuditTrailPanel(String reader, java.util.function.Predicate<Class<?>> mayOpen, AuditTrail trail,
                    AuditSearch trailSearch, AuditExport export, Timelines timelines) {
        this.reader = reader;
        this.mayOpen = mayOpen;
        this.timelines = timelines;
        this.trailSearch = trailSearch;
        setPadding(false);
        verify.setId("verify-trail");
        verification.setId("trail-verification");
        verify.addClickListener(e -> {
            AuditVerification result = trail.verify(reader);
            verification.setText(result.describe());
            verification.getStyle().set("color", result.intact() ? "var(--lumo-success-text-color)"
                    : "var(--lumo-error-text-color)");
        });

        from.setId("trail-from");
        to.setId("trail-to");
        actor.setId("trail-actor");
        kind.setId("trail-kind");
        kind.setItems(trailSearch.kinds(reader));
        kind.setAllowCustomValue(true);
        kind.addCustomValueSetListener(e -> kind.setValue(e.getDetail()));
        subject.setId("trail-subject");
        instance.setId("trail-instance");
        database.setId("trail-database");
        environment.setId("trail-environment");
        environment.setItems(java.util.Arrays.stream(Environment.values()).map(Enum::name).toList());
        outcome.setId("trail-outcome");
        outcome.setItems(List.of("ok", "refused", "failed"));
        text.setId("trail-text");
        search.setId("trail-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        search.addClickShortcut(Key.ENTER);
        search.addClickListener(e -> apply());
        clear.setId("trail-clear");
        clear.addClickListener(e -> {
            from.clear();
            to.clear();
            actor.clear();
            kind.clear();
            subject.clear();
            instance.clear();
            database.clear();
            environment.clear();
            outcome.clear();
            text.clear();
            apply();
        });
        FormLayout filters = new FormLayout(from, to, actor, kind, subject, instance, database, environment, outcome,
                text);
        filters.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2), new FormLayout.ResponsiveStep("50em", 5));
        filters.setId("trail-filters");

        csv = download(export, AuditExport.Format.CSV, "Export CSV");
        jsonl = download(export, AuditExport.Format.JSONL, "Export JSON Lines");
        count.setId("trail-count");
        problem.setId("trail-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        HorizontalLayout actions = new HorizontalLayout(search, clear, count, csv, jsonl, problem);
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);

        entries.setId("trail-entries");
        entries.addColumn(e -> TIME.format(e.occurredAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::actor).setHeader("Who").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::actorRoles).setHeader("Roles then").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::sourceAddress).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::kind).setHeader("What").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditTrailPanel::subjectOf).setHeader("About").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::outcome).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        entries.addColumn(AuditEntry::summary).setHeader("Summary").setTooltipGenerator(AuditEntry::summary);
        entries.addColumn(e -> e.seq() == null ? "not sealed yet" : "#" + e.seq()).setHeader("Chain")
                .setAutoWidth(true).setFlexGrow(0);
        entries.setPageSize(100);
        entries.setItems(query -> fetch(query.getOffset(), query.getLimit()).stream());
        entries.addItemClickListener(e -> details(e.getItem()).open());
        entries.setHeight("32em");
        entries.setWidthFull();
        add(new H3("Audit trail"), new HorizontalLayout(verify, verification), filters, actions, entries);
        showCount();
    }

    /** Reads the filter fields; a bad value is said next to the buttons and the view keeps its last filter. */
    void apply() {
        try {
            filter = new AuditFilter(start(from.getValue()), start(to.getValue() == null ? null
                    : to.getValue().plusDays(1)), actor.getValue(), kind.getValue(), subject.getValue(),
                    instance.getValue(), database.getValue(), environment.getValue(), outcome.getValue(),
                    text.getValue());
            problem.setText("");
        } catch (InvalidRequestException e) {
            problem.setText(e.getMessage());
            return;
        }
        shownBefore = null;
        entries.getDataProvider().refreshAll();
        showCount();
    }

    /** A window of the grid, in pages the search allows (a grid may ask for more than one page at once). */
    private List<AuditEntry> fetch(int offset, int limit) {
        if (shownBefore == null) {
            shownBefore = trailSearch.page(reader, AuditFilter.ALL, null, 0, 1).stream().findFirst()
                    .map(newest -> newest.id() + 1).orElse(Long.MAX_VALUE);
        }
        List<AuditEntry> window = new java.util.ArrayList<>();
        while (window.size() < limit) {
            int size = Math.min(AuditTrail.MAX_PAGE, limit - window.size());
            List<AuditEntry> page = trailSearch.page(reader, filter, shownBefore, offset + window.size(), size);
            window.addAll(page);
            if (page.size() < size) {
                break;
            }
        }
        return window;
    }

    AuditFilter filter() {
        return filter;
    }

    private void showCount() {
        long n = trailSearch.countUpTo(reader, filter, COUNT_CAP + 1);
        count.setText(n > COUNT_CAP ? "more than " + NumberFormat.getIntegerInstance(Locale.ENGLISH).format(COUNT_CAP)
                + " entries" : NumberFormat.getIntegerInstance(Locale.ENGLISH).format(n) + (n == 1 ? " entry"
                : " entries"));
    }

    private Anchor download(AuditExport export, AuditExport.Format format, String label) {
        Anchor anchor = new Anchor(DownloadHandler.class.cast((DownloadHandler) event -> {
            AuditExport.Writing writing = export.start(reader, filter, format, event.getRequest().getRemoteAddr());
            event.setFileName(export.fileName(format));
            event.setContentType(format.mediaType + ";charset=UTF-8");
            writing.to(event.getOutputStream());
        }), AttachmentType.DOWNLOAD, label);
        anchor.setId("trail-export-" + format.extension);
        return anchor;
    }

    /** An entry's details: every field, its payload as indented JSON, its place in the chain, and where it leads. */
    Dialog details(AuditEntry e) {
        Dialog dialog = new Dialog();
        dialog.setId("trail-entry");
        dialog.setHeaderTitle(e.kind() + " · " + TIME.format(e.occurredAt()));
        FormLayout fields = new FormLayout();
        fields.addFormItem(new Span(e.actor() + (e.actorRoles() == null || e.actorRoles().isBlank() ? ""
                : " (" + e.actorRoles() + ")")), "Who");
        fields.addFormItem(new Span(String.valueOf(e.sourceAddress())), "From");
        fields.addFormItem(new Span(subjectOf(e)), "About");
        fields.addFormItem(new Span(e.outcome() == null ? "" : e.outcome()), "Outcome");
        fields.addFormItem(new Span(e.summary()), "Summary");
        fields.addFormItem(new Span(e.seq() == null ? "not sealed yet" : "#" + e.seq() + " · " + e.entryHash()),
                "Chain");
        Pre payload = new Pre(JsonDisplay.pretty(e.payload(), "(no payload)"));
        payload.setId("trail-entry-payload");
        payload.getStyle().set("white-space", "pre-wrap").set("max-height", "24em").set("overflow", "auto");
        VerticalLayout body = new VerticalLayout(fields, payload);
        body.setPadding(false);
        Component link = link(e);
        if (link != null) {
            // the router follows the link without reloading the page: the dialog would stay open over it
            link.getElement().addEventListener("click", click -> dialog.close());
            body.add(link);
        }
        if (("ticket".equals(e.subjectType()) || "tree-change".equals(e.subjectType())) && e.subjectId() != null) {
            body.add(new H3("Timeline of " + e.subjectId() + " (trail and engine)"),
                    TicketTimeline.grid(timelines.of(reader, e.subjectId())));
        }
        dialog.add(body);
        Button close = new Button("Close", c -> dialog.close());
        dialog.getFooter().add(close);
        dialog.setWidth("min(60em, 95vw)");
        return dialog;
    }

    /** The entry's ticket or change page, for a reader who may open it (a process owner reads no ticket page). */
    private Component link(AuditEntry e) {
        if (e.subjectId() == null) {
            return null;
        }
        Anchor link = switch (e.subjectType()) {
            case "ticket" -> mayOpen.test(TicketDetailView.class)
                    ? new Anchor("tickets/" + e.subjectId(), "Open ticket " + e.subjectId()) : null;
            case "tree-change" -> mayOpen.test(ServiceTreeChangeView.class)
                    ? new Anchor(ServiceTreeChangeView.route(e.subjectId()), "Open change " + e.subjectId()) : null;
            default -> null;
        };
        if (link != null) {
            link.setId("trail-entry-link");
        }
        return link;
    }

    private static String subjectOf(AuditEntry e) {
        StringBuilder about = new StringBuilder(e.subjectType());
        if (e.subjectId() != null) {
            about.append(' ').append(e.subjectId());
        }
        if (e.instanceName() != null) {
            about.append(" · ").append(e.instanceName());
            if (e.databaseName() != null) {
                about.append('/').append(e.databaseName());
            }
        }
        if (e.environment() != null) {
            about.append(" · ").append(e.environment());
        }
        return about.toString();
    }

    private static java.time.Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
