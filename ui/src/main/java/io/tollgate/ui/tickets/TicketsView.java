package io.tollgate.ui.tickets;

import java.time.LocalDate;
import java.time.ZoneId;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.instance.InstanceView;
import io.tollgate.engine.instance.TargetInstances;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.ticket.TicketFilter;
import io.tollgate.engine.ticket.TicketStatus;
import io.tollgate.engine.ticket.TicketSummary;
import io.tollgate.engine.ticket.Tickets;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.layout.Phone;
import jakarta.annotation.security.RolesAllowed;

/**
 * SQL change tickets: the list, filtered by status, instance, submitter and submission date and searched by a keyword
 * of the SQL or title, newest first; a row opens the ticket. Engineers, reviewers, DBAs and admins submit new ones.
 */
@Route(value = "tickets", layout = MainLayout.class)
@PageTitle("Tickets · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.AUDITOR, Role.Names.ADMIN})
public class TicketsView extends VerticalLayout {

    static final int ROWS = 500;

    final MultiSelectComboBox<TicketStatus> status = new MultiSelectComboBox<>("Status");
    final ComboBox<String> instance = new ComboBox<>("Instance");
    final TextField submitter = new TextField("Submitter");
    final DatePicker from = HumanTime.datePicker("Submitted from");
    final DatePicker to = HumanTime.datePicker("to (inclusive)");
    final TextField keyword = new TextField("SQL or title contains");
    final Button mine = new Button("Mine");
    /** Only tickets a step of which ran out of retries and waits for someone to retry it (ADR 0052). */
    final com.vaadin.flow.component.checkbox.Checkbox stuckOnly =
            new com.vaadin.flow.component.checkbox.Checkbox("Stuck only");
    final Button newTicket = new Button("New ticket", VaadinIcon.PLUS.create());
    final Grid<TicketSummary> grid = new Grid<>(TicketSummary.class, false);
    final Span count = new Span();

    private final Tickets tickets;

    public TicketsView(Tickets tickets, TargetInstances instances, CurrentUser currentUser) {
        this.tickets = tickets;
        setSizeFull();

        status.setId("filter-status");
        status.setItems(TicketStatus.values());
        status.setItemLabelGenerator(TicketBadges::label);
        instance.setId("filter-instance");
        instance.setItems(instances.list().stream().map(InstanceView::name).toList());
        instance.setClearButtonVisible(true);
        submitter.setId("filter-submitter");
        submitter.setClearButtonVisible(true);
        submitter.setValueChangeMode(ValueChangeMode.LAZY);
        from.setId("filter-from");
        from.setClearButtonVisible(true);
        to.setId("filter-to");
        to.setClearButtonVisible(true);
        keyword.setId("filter-keyword");
        keyword.setPlaceholder("e.g. orders");
        keyword.setClearButtonVisible(true);
        keyword.setValueChangeMode(ValueChangeMode.LAZY);
        keyword.setPrefixComponent(VaadinIcon.SEARCH.create());
        status.addValueChangeListener(e -> refresh());
        instance.addValueChangeListener(e -> refresh());
        submitter.addValueChangeListener(e -> refresh());
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        keyword.addValueChangeListener(e -> refresh());
        stuckOnly.setId("filter-stuck");
        stuckOnly.addValueChangeListener(e -> refresh());
        mine.setId("filter-mine");
        mine.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        mine.addClickListener(e -> submitter.setValue(currentUser.username()));
        // only who may submit has tickets of their own: for an auditor "Mine" always listed nothing
        mine.setVisible(Permission.SUBMIT_TICKET.allows(currentUser.roles()));

        newTicket.setId("new-ticket");
        newTicket.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newTicket.setVisible(Permission.SUBMIT_TICKET.allows(currentUser.roles()));
        newTicket.addClickListener(e -> newTicket.getUI().ifPresent(ui -> ui.navigate(NewTicketView.class)));

        grid.setId("ticket-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        // the id stays in place and the status comes next: on a phone the rest scrolls sideways beside them
        grid.addColumn(TicketSummary::id).setHeader("Ticket").setAutoWidth(true).setFlexGrow(0).setFrozen(true);
        grid.addComponentColumn(t -> TicketBadges.status(t.status(), t.stuckStep())).setHeader("Status")
                .setAutoWidth(true);
        grid.addColumn(TicketSummary::title).setHeader("Title").setFlexGrow(1);
        grid.addColumn(t -> t.instance() + " / " + t.database()).setHeader("Instance / database").setAutoWidth(true);
        grid.addColumn(TicketSummary::submitter).setHeader("Submitter").setAutoWidth(true);
        grid.addComponentColumn(t -> TicketBadges.risk(t.risk())).setHeader("Risk").setAutoWidth(true);
        grid.addColumn(t -> t.mode() == io.tollgate.engine.ticket.ExecutionMode.SCHEDULED && t.scheduledAt() != null
                        ? "At " + TicketBadges.time(t.scheduledAt())
                        : io.tollgate.ui.layout.PageLanguage.LABELS.of(t.mode()))
                .setHeader("Executes").setAutoWidth(true);
        grid.addColumn(t -> TicketBadges.time(t.submittedAt())).setHeader("Submitted").setAutoWidth(true);
        grid.addColumn(t -> TicketBadges.time(t.updatedAt())).setHeader("Updated").setAutoWidth(true);
        grid.setEmptyStateText("No tickets match.");
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate(TicketDetailView.class,
                TicketDetailView.parameters(e.getItem().id()))));

        HorizontalLayout heading = new HorizontalLayout(new H2("Tickets"), newTicket);
        heading.setWidthFull();
        heading.setJustifyContentMode(FlexComponent.JustifyContentMode.BETWEEN);
        heading.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout filters = new HorizontalLayout(keyword, status, stuckOnly, instance, submitter, mine, from,
                to);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        // folded on a phone, so that the first tickets are on its first screen
        com.vaadin.flow.component.details.Details filterPanel =
                new com.vaadin.flow.component.details.Details("Search and filter", filters);
        filterPanel.setId("ticket-filter-panel");
        filterPanel.setOpened(true);
        filterPanel.setWidthFull();
        Phone.onAttach(this, phone -> filterPanel.setOpened(!phone));
        count.setId("ticket-count");
        add(heading, filterPanel, count, grid);
        refresh();
    }

    /** Below this window width (px) the page is laid out for a phone. */

    void refresh() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate fromDay = from.getValue();
        LocalDate toDay = to.getValue();
        TicketFilter filter = new TicketFilter(status.getValue(), instance.getValue(), blankToNull(submitter.getValue()),
                fromDay == null ? null : fromDay.atStartOfDay(zone).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(zone).toInstant(),
                blankToNull(keyword.getValue()), ROWS, stuckOnly.getValue());
        var rows = tickets.list(filter);
        grid.setItems(rows);
        count.setText(rows.size() >= ROWS ? "Showing the newest " + ROWS + " tickets; narrow the filter to see older ones"
                : rows.size() + (rows.size() == 1 ? " ticket" : " tickets"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
