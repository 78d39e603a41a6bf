package io.tollgate.ui.servicetree;

import java.time.ZoneId;
import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.servicetree.ChangeFilter;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.ChangeUpdates;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * Every service-tree change, newest first, filtered by status, requester and whether a step of it is stuck; a row
 * opens the change. Where an SRE finds the applies that ran out of retries without waiting for a mail, and an auditor
 * all changes without knowing a node. Live: a change moving on any node refreshes the list by push.
 */
@Route(value = "tree-changes", layout = MainLayout.class)
@PageTitle("Tree changes · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.SRE, Role.Names.PROCESS_OWNER, Role.Names.AUDITOR, Role.Names.ADMIN})
public class TreeChangesView extends VerticalLayout {

    static final int ROWS = ChangeFilter.MAX_LIMIT;
    private static final Labels LABELS = io.tollgate.ui.layout.PageLanguage.LABELS;
    private static final ZoneId ZONE = ZoneId.systemDefault();

    final MultiSelectComboBox<ChangeStatus> status = new MultiSelectComboBox<>("Status");
    final TextField requester = new TextField("Requested by");
    final Button mine = new Button("Mine");
    /** Only changes a step of which ran out of retries and waits for an SRE (ADR 0052). */
    final Checkbox stuckOnly = new Checkbox("Stuck only");
    final Grid<ChangeRecord> grid = new Grid<>(ChangeRecord.class, false);
    final Span count = new Span();

    private final ServiceTreeChangeRequests requests;
    private final CurrentUser currentUser;
    private final ChangeUpdates changeUpdates;
    private final TaskEvents taskEvents;
    private LiveChanges live;

    public TreeChangesView(ServiceTreeChangeRequests requests, CurrentUser currentUser, ChangeUpdates changeUpdates,
                           TaskEvents taskEvents) {
        this.requests = requests;
        this.currentUser = currentUser;
        this.changeUpdates = changeUpdates;
        this.taskEvents = taskEvents;
        setSizeFull();

        status.setId("tree-filter-status");
        status.setItems(ChangeStatus.values());
        status.setItemLabelGenerator(LABELS::of);
        status.addValueChangeListener(e -> refresh());
        requester.setId("tree-filter-requester");
        requester.setClearButtonVisible(true);
        requester.setValueChangeMode(ValueChangeMode.LAZY);
        requester.addValueChangeListener(e -> refresh());
        mine.setId("tree-filter-mine");
        mine.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        mine.addClickListener(e -> requester.setValue(currentUser.username()));
        mine.setVisible(Permission.REQUEST_TREE_CHANGES.allows(currentUser.roles()));
        stuckOnly.setId("tree-filter-stuck");
        stuckOnly.addValueChangeListener(e -> refresh());

        grid.setId("tree-change-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> HumanTime.exact(r.requestedAt(), ZONE)).setHeader("Requested").setAutoWidth(true)
                .setFlexGrow(0).setFrozen(true);
        grid.addComponentColumn(TreeChangesView::status).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> LABELS.treeChangeKind(r.kind())).setHeader("Change").setAutoWidth(true);
        grid.addColumn(ChangeRecord::nodePath).setHeader("Node").setAutoWidth(true);
        grid.addColumn(ChangeRecord::requester).setHeader("Requested by").setAutoWidth(true);
        grid.addColumn(ChangeRecord::reason).setHeader("Reason").setFlexGrow(1);
        grid.addColumn(r -> HumanTime.exact(r.updatedAt(), ZONE)).setHeader("Updated").setAutoWidth(true);
        grid.setEmptyStateText("No service-tree changes match.");
        grid.addItemClickListener(e -> grid.getUI().ifPresent(ui -> ui.navigate(ServiceTreeChangeView.class,
                e.getItem().changeId())));

        HorizontalLayout filters = new HorizontalLayout(status, stuckOnly, requester, mine);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        count.setId("tree-change-count");
        add(new H2("Tree changes"), filters, count, grid);
        refresh();
    }

    /** The status and, beside it, that a step is stuck (the step and why on hover). */
    static Component status(ChangeRecord change) {
        Span status = new Span(LABELS.of(change.status()));
        status.getElement().getThemeList().add("badge contrast");
        if (change.stuckStep() == null) {
            return status;
        }
        Span stuck = new Span("Stuck");
        stuck.getElement().getThemeList().add("badge error");
        stuck.addClassName("tree-change-stuck");
        stuck.setTitle("\u201c" + change.stuckStep() + "\u201d ran out of retries"
                + (change.stuckReason() == null ? "" : ": " + change.stuckReason()));
        HorizontalLayout both = new HorizontalLayout(status, stuck);
        both.setSpacing(false);
        both.getStyle().set("gap", "var(--lumo-space-xs)");
        return both;
    }

    void refresh() {
        String whose = requester.getValue() == null || requester.getValue().isBlank() ? null
                : requester.getValue().strip();
        List<ChangeRecord> rows = requests.list(currentUser.username(),
                new ChangeFilter(status.getValue(), whose, stuckOnly.getValue(), ROWS));
        grid.setItems(rows);
        count.setText(rows.size() >= ROWS ? "Showing the newest " + ROWS + " changes; narrow the filter to see older ones"
                : rows.size() + (rows.size() == 1 ? " change" : " changes"));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        live = LiveChanges.follow(event.getUI(), changeUpdates, taskEvents, this::refresh);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (live != null) {
            live.close();
            live = null;
        }
    }
}
