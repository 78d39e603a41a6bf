package io.tollgate.ui.tasklist;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridMultiSelectionModel;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.review.Environment;
import io.tollgate.engine.review.RiskLevel;
import io.tollgate.engine.tasklist.BatchDecisions;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.layout.Phone;
import io.tollgate.ui.layout.TaskUpdates;
import jakarta.annotation.security.RolesAllowed;

/**
 * Tasks assigned to me, then those offered to me or my groups (claimed by someone else ones included, greyed), never
 * approvals of my own tickets or changes. Each row is a card that fits any width (Claim or Unclaim and Open first, so
 * they are on screen at 1280 px as on a phone): what to do, about what, who asked, risk, instance, created and due in
 * words with the exact time on hover. Filters (whose, kind, instance, environment, risk) and sorting (newest, oldest,
 * risk, due); the claimant or an admin hands a task on to another eligible person. Open shows the ticket, or the
 * service-tree change selected on the approvals page. The list follows every task change by server push.
 */
@Route(value = "tasks", layout = MainLayout.class)
@PageTitle("Tasklist · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.SRE, Role.Names.PROCESS_OWNER,
        Role.Names.ADMIN})
public class TasklistView extends VerticalLayout {

    /** The process key of service-tree changes, whose tasks open in the service-tree audit view. */
    static final String SERVICE_TREE_CHANGE = ServiceTreeChangeProcess.KEY;
    static final String ACTIONS = "actions";
    static final String TASK = "task";
    static final String ALL = "All";
    /** Below this window width (px) the page is laid out for a phone. */

    /** Whose tasks the list shows. */
    enum Whose {
        ALL("Everything offered to me"), MINE("Assigned to me"), UNCLAIMED("Unclaimed"),
        OTHERS("Claimed by others");

        final String label;

        Whose(String label) {
            this.label = label;
        }
    }

    /** How the list is sorted. */
    enum Sort {
        NEWEST("Newest first"), OLDEST("Oldest first"), RISK("Highest risk first"), DUE("Due soonest first");

        final String label;

        Sort(String label) {
            this.label = label;
        }
    }

    final Grid<TaskSummary> grid = new Grid<>(TaskSummary.class, false);
    /** The row whose cell has the keyboard focus, opened by Enter. */
    private TaskSummary focused;
    final Select<Whose> whose = new Select<>();
    final Select<String> kind = new Select<>();
    final Select<String> instance = new Select<>();
    final Select<String> environment = new Select<>();
    final Select<String> risk = new Select<>();
    final Select<Sort> sort = new Select<>();
    final Span shownCount = new Span();
    /** Opens the batch decision of the approvals ticked in the list. */
    final Button decideSelected = new Button();
    /** The filters, folded away on a phone so that the first tasks are on its first screen. */
    final Details filterPanel = new Details();

    private final Tasklist tasklist;
    private final BatchDecisions batchDecisions;
    private final TaskEvents taskEvents;
    private final Clock clock;
    private final Labels labels = io.tollgate.ui.layout.PageLanguage.LABELS;
    /** Read once: push callbacks run outside the request, where the security context is not there to ask. */
    private final String username;
    private final List<String> groups;
    private final boolean admin;
    private List<TaskSummary> all = List.of();
    private TaskEvents.Registration subscription;

    public TasklistView(Tasklist tasklist, BatchDecisions batchDecisions, TaskEvents taskEvents,
                        CurrentUser currentUser, Clock clock) {
        this.tasklist = tasklist;
        this.batchDecisions = batchDecisions;
        this.taskEvents = taskEvents;
        this.clock = clock;
        this.username = currentUser.username();
        this.groups = currentUser.groups();
        this.admin = currentUser.roles().contains(Role.ADMIN);
        setSizeFull();
        setPadding(true);

        filter(whose, "task-filter-whose", "Show", List.of(Whose.values()), w -> w.label, Whose.ALL);
        filter(kind, "task-filter-kind", "Kind of work", List.of(ALL), k -> k, ALL);
        filter(instance, "task-filter-instance", "Instance", List.of(ALL), i -> i, ALL);
        filter(environment, "task-filter-environment", "Environment", List.of(ALL), this::environmentLabel, ALL);
        filter(risk, "task-filter-risk", "Risk", List.of(ALL), this::riskLabel, ALL);
        filter(sort, "task-sort", "Sort", List.of(Sort.values()), s -> s.label, Sort.NEWEST);
        // wide enough for their longest choice ("Everything offered to me", "Highest risk first"), never cut off
        whose.setWidth("15em");
        sort.setWidth("12em");
        FlexLayout filters = new FlexLayout(whose, kind, instance, environment, risk, sort);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "0 var(--lumo-space-s)");
        filters.setId("task-filters");
        filters.setWidthFull();
        filterPanel.setSummaryText("Filter and sort");
        filterPanel.add(filters);
        filterPanel.setId("task-filter-panel");
        filterPanel.setOpened(true);
        filterPanel.setWidthFull();

        // approvals this person could decide now are ticked for a batch decision; the rest have no box
        GridMultiSelectionModel<TaskSummary> selection =
                (GridMultiSelectionModel<TaskSummary>) grid.setSelectionMode(Grid.SelectionMode.MULTI);
        selection.setSelectAllCheckboxVisibility(GridMultiSelectionModel.SelectAllCheckboxVisibility.HIDDEN);
        grid.setItemSelectableProvider(this::decidable);
        grid.addSelectionListener(e -> selectionChanged());
        decideSelected.setId("task-decide-selected");
        decideSelected.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        decideSelected.addClickListener(e -> decideSelected());
        decideSelected.setTooltipText("Approve or reject the ticked approvals at once, each with its own checks");
        selectionChanged();
        grid.addComponentColumn(this::actions).setKey(ACTIONS).setHeader("").setWidth("8.5em").setFlexGrow(0);
        grid.addComponentColumn(this::card).setKey(TASK).setHeader("Task").setFlexGrow(1);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_NO_BORDER,
                GridVariant.LUMO_ROW_STRIPES);
        grid.addItemDoubleClickListener(e -> open(e.getItem()));
        // keyboard: the grid's arrow keys move between rows and Tab reaches a row's buttons; Enter on a row opens it
        grid.addCellFocusListener(e -> focused = e.getItem().orElse(null));
        grid.getElement().addEventListener("keydown", e -> {
            if (focused != null) {
                open(focused);
            }
        }).setFilter("event.key === 'Enter' && event.target === element");
        grid.setEmptyStateText("No tasks for you or your groups.");
        grid.setId("task-grid");
        grid.setWidthFull();
        shownCount.setId("task-shown");
        shownCount.getStyle().set("color", "var(--lumo-secondary-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");
        H2 title = new H2("Tasklist");
        title.getStyle().set("margin", "0");
        FlexLayout above = new FlexLayout(shownCount, decideSelected);
        above.setAlignItems(Alignment.CENTER);
        above.setJustifyContentMode(JustifyContentMode.BETWEEN);
        above.setWidthFull();
        add(title, filterPanel, above, grid);
        setFlexGrow(1, grid);
    }

    private <T> void filter(Select<T> select, String id, String label, List<T> items, Function<T, String> words,
                            T initial) {
        select.setId(id);
        select.setLabel(label);
        select.setItems(items);
        select.setItemLabelGenerator(words::apply);
        select.setValue(initial);
        select.setWidth("10.5em");
        select.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                show();
            }
        });
    }

    private String riskLabel(String value) {
        return ALL.equals(value) ? ALL : labels.of(RiskLevel.class, value);
    }

    private String environmentLabel(String value) {
        return ALL.equals(value) ? ALL : labels.of(Environment.class, value);
    }

    private Component actions(TaskSummary task) {
        VerticalLayout actions = new VerticalLayout();
        actions.setPadding(false);
        actions.setSpacing(false);
        actions.getStyle().set("gap", "var(--lumo-space-xs)");
        if (username.equals(task.assignee())) {
            Button unclaim = small(new Button("Unclaim", e -> unclaim(task)));
            unclaim.setId("task-unclaim-" + task.id());
            unclaim.setEnabled(task.canUnclaim());
            if (!task.canUnclaim()) {
                unclaim.setTooltipText("Assigned to you by its process");
            }
            actions.add(unclaim);
        } else {
            Button claim = small(new Button("Claim", e -> claim(task)));
            claim.setId("task-claim-" + task.id());
            claim.setEnabled(task.canClaim());
            if (task.assignee() != null) {
                claim.setTooltipText("Claimed by " + task.assignee());
            }
            actions.add(claim);
        }
        Button open = small(new Button("Open", e -> open(task)));
        open.setId("task-open-" + task.id());
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.setEnabled(location(task) != null);
        actions.add(open);
        if (task.canUnclaim() || admin && task.assignee() != null) {
            Button handOn = small(new Button("Hand on…", e -> handOn(task)));
            handOn.setId("task-hand-on-" + task.id());
            handOn.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            handOn.setTooltipText("Give this task to another person it is offered to");
            actions.add(handOn);
        }
        return actions;
    }

    private static Button small(Button button) {
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.setWidthFull();
        return button;
    }

    /** What the task is, about what, and its facts in one wrapping block. */
    private Component card(TaskSummary task) {
        Instant now = clock.instant();
        ZoneId zone = HumanTime.zone(getUI().orElse(null));
        Div card = new Div();
        card.addClassName("task-card");
        if (task.assignee() != null && !username.equals(task.assignee())) {
            card.getStyle().set("opacity", "0.65"); // claimed by someone else: shown, greyed
        }
        Span name = new Span(task.name() == null ? "Task" : task.name());
        name.getStyle().set("font-weight", "600");
        Div first = new Div(name);
        if (task.businessKey() != null) {
            Span key = new Span(" · " + task.businessKey());
            key.getStyle().set("color", "var(--lumo-secondary-text-color)");
            first.add(key);
        }
        card.add(first);
        String about = about(task, labels);
        if (about != null) {
            card.add(new Div(about));
        }
        Div meta = new Div();
        meta.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        List<Component> parts = new ArrayList<>();
        if (task.requester() != null) {
            parts.add(new Span("by " + task.requester()));
        }
        if (task.risk() != null) {
            Span riskBadge = new Span(labels.of(RiskLevel.class, task.risk()));
            riskBadge.getElement().getThemeList().add("badge small " + ("HIGH".equals(task.risk()) ? "error"
                    : "MODERATE".equals(task.risk()) ? "" : "success"));
            parts.add(riskBadge);
        }
        if (task.estimatedRows() != null && task.estimatedRows() > 0) {
            Span rows = new Span(labels.count(task.estimatedRows(), "row"));
            rows.getElement().setAttribute("title", "rows the ticket changes, as its review counted or estimated them");
            parts.add(rows);
        }
        if (task.instance() != null) {
            parts.add(new Span(task.instance() + (task.environment() == null ? ""
                    : " (" + labels.of(Environment.class, task.environment()) + ")")));
        }
        Span created = HumanTime.span(task.created(), now, zone);
        created.setText("created " + created.getText());
        parts.add(created);
        if (task.due() != null) {
            Span due = HumanTime.span(task.due(), now, zone);
            due.setText((SERVICE_TREE_CHANGE.equals(task.processKey()) ? "expires " : "due ") + due.getText());
            if (task.due().isBefore(now)) {
                due.getStyle().set("color", "var(--lumo-error-text-color)");
            }
            parts.add(due);
        }
        parts.add(new Span(task.assignee() == null ? "unclaimed"
                : username.equals(task.assignee()) ? "claimed by you" : "claimed by " + task.assignee()));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                meta.add(new Span(" · "));
            }
            meta.add(parts.get(i));
        }
        card.add(meta);
        return card;
    }

    void refresh() {
        all = tasklist.tasksFor(username, groups);
        choices(kind, all, TaskSummary::name);
        choices(instance, all, TaskSummary::instance);
        choices(environment, all, TaskSummary::environment);
        choices(risk, all, TaskSummary::risk);
        show();
    }

    /** The values present in the list, after "All"; a chosen value that is gone stays chosen. */
    private static void choices(Select<String> select, List<TaskSummary> tasks, Function<TaskSummary, String> value) {
        TreeSet<String> values = new TreeSet<>();
        tasks.stream().map(value).filter(Objects::nonNull).forEach(values::add);
        String chosen = select.getValue();
        if (chosen != null && !ALL.equals(chosen)) {
            values.add(chosen);
        }
        List<String> items = new ArrayList<>();
        items.add(ALL);
        items.addAll(values);
        select.setItems(items);
        select.setValue(chosen == null ? ALL : chosen);
    }

    /** Applies the filters and the sort to the last list read. */
    void show() {
        Predicate<TaskSummary> keep = t -> switch (whose.getValue() == null ? Whose.ALL : whose.getValue()) {
            case ALL -> true;
            case MINE -> username.equals(t.assignee());
            case UNCLAIMED -> t.assignee() == null;
            case OTHERS -> t.assignee() != null && !username.equals(t.assignee());
        };
        keep = keep.and(matches(kind, TaskSummary::name)).and(matches(instance, TaskSummary::instance))
                .and(matches(environment, TaskSummary::environment)).and(matches(risk, TaskSummary::risk));
        List<TaskSummary> shown = all.stream().filter(keep).sorted(order(sort.getValue())).toList();
        java.util.Set<String> ticked = grid.getSelectedItems().stream().map(TaskSummary::id)
                .collect(java.util.stream.Collectors.toSet());
        grid.setItems(shown);
        // still ticked what is still shown and still decidable: a push must not untick a reviewer's choice
        grid.deselectAll();
        shown.stream().filter(t -> ticked.contains(t.id()) && decidable(t)).forEach(grid::select);
        selectionChanged();
        shownCount.setText(shown.size() == all.size() ? all.size() + (all.size() == 1 ? " task" : " tasks")
                : shown.size() + " of " + all.size() + " tasks shown");
    }

    private static Predicate<TaskSummary> matches(Select<String> select, Function<TaskSummary, String> value) {
        String chosen = select.getValue();
        return chosen == null || ALL.equals(chosen) ? t -> true : t -> chosen.equals(value.apply(t));
    }

    static Comparator<TaskSummary> order(Sort sort) {
        Comparator<TaskSummary> newest = Comparator.comparing(TaskSummary::created,
                Comparator.nullsLast(Comparator.reverseOrder()));
        return switch (sort == null ? Sort.NEWEST : sort) {
            case NEWEST -> newest;
            case OLDEST -> Comparator.comparing(TaskSummary::created, Comparator.nullsLast(Comparator.naturalOrder()));
            case RISK -> Comparator.comparingInt((TaskSummary t) -> riskRank(t.risk())).thenComparing(newest);
            case DUE -> Comparator.comparing(TaskSummary::due, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(newest);
        };
    }

    /** HIGH first, unreviewed last. */
    private static int riskRank(String risk) {
        for (RiskLevel level : RiskLevel.values()) {
            if (level.name().equals(risk)) {
                return RiskLevel.values().length - level.ordinal();
            }
        }
        return RiskLevel.values().length + 1;
    }

    /** An approval offered to this person that is unclaimed or theirs: one a batch may decide. */
    boolean decidable(TaskSummary task) {
        return task.approval() && (task.assignee() == null ? task.canClaim() : username.equals(task.assignee()));
    }

    private void selectionChanged() {
        int ticked = grid.getSelectedItems().size();
        decideSelected.setText(ticked == 0 ? "Decide selected…" : "Decide " + ticked + " selected…");
        decideSelected.setEnabled(ticked > 0);
    }

    /** The dialog for the ticked approvals (at most {@link BatchDecisions#MAX_TASKS}), in the list's order. */
    void decideSelected() {
        List<TaskSummary> ticked = inListOrder(grid.getSelectedItems());
        if (ticked.isEmpty()) {
            return;
        }
        if (ticked.size() > BatchDecisions.MAX_TASKS) {
            refused("At most " + BatchDecisions.MAX_TASKS + " approvals are decided at once; " + ticked.size()
                    + " are ticked.");
            return;
        }
        new BatchDecisionDialog(ticked, batchDecisions, username, groups, outcomes -> {
            grid.deselectAll();
            refresh();
        }).open();
    }

    /** The ticked tasks in the order the list shows them. */
    private List<TaskSummary> inListOrder(java.util.Set<TaskSummary> ticked) {
        return grid.getListDataView().getItems().filter(ticked::contains).toList();
    }

    private void claim(TaskSummary task) {
        act(() -> tasklist.claim(task.id(), username, groups));
    }

    private void unclaim(TaskSummary task) {
        act(() -> tasklist.unclaim(task.id(), username, groups));
    }

    /** Asks whom to hand the task to, among those the tasklist says may take it. */
    void handOn(TaskSummary task) {
        List<String> people = tasklist.reassignableTo(task.id(), username, groups);
        if (people.isEmpty()) {
            refused("Nobody else this task is offered to can take it.");
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Hand on: " + (task.name() == null ? "task" : task.name()));
        ComboBox<String> person = new ComboBox<>("To", people);
        person.setId("hand-on-person");
        person.setWidthFull();
        Button give = new Button("Hand on", e -> {
            if (person.getValue() != null) {
                act(() -> tasklist.reassign(task.id(), username, groups, person.getValue()));
                dialog.close();
            }
        });
        give.setId("hand-on-confirm");
        give.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(person);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), give);
        dialog.open();
    }

    /** Runs a claim, unclaim or hand-on, shows the server's refusal if any, and the list as it is now either way. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (TaskClaimException refused) {
            refused(refused.getMessage());
        }
        refresh();
    }

    private static void refused(String message) {
        Notification notification = Notification.show(message, 6000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /**
     * Where Open goes: a ticket's page, or the approvals page with the change selected
     * ({@code service-tree/approvals/<changeId>}); null when the task belongs to neither.
     */
    /**
     * What a task is about on its card and in the batch dialog: a ticket's title, or a service-tree change's kind in
     * the reader's language with its reason; null when nothing says.
     */
    static String about(TaskSummary task, Labels labels) {
        if (task.changeKind() == null) {
            return task.subject();
        }
        String kind = labels.treeChangeKind(task.changeKind());
        return task.subject() == null ? kind : kind + ": " + task.subject();
    }

    static String location(TaskSummary task) {
        if (task.businessKey() == null) {
            return null;
        }
        if (SERVICE_TREE_CHANGE.equals(task.processKey())) {
            return "service-tree/approvals/" + task.businessKey();
        }
        if (SqlTicketProcess.KEY.equals(task.processKey())) {
            return "tickets/" + task.businessKey();
        }
        return null;
    }

    private void open(TaskSummary task) {
        String location = location(task);
        if (location != null) {
            getUI().ifPresent(ui -> ui.navigate(location));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        subscription = TaskUpdates.follow(event.getUI(), taskEvents, this::refresh); // reads once it follows
        HumanTime.learnZone(event.getUI(), this::show);
        event.getUI().getPage().retrieveExtendedClientDetails(details ->
                filterPanel.setOpened(details.getWindowInnerWidth() >= Phone.WIDTH));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    /** For tests: the values a filter offers. */
    static List<String> offered(Select<String> select) {
        return select.getListDataView().getItems().toList();
    }
}
