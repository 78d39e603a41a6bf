package io.tollgate.ui.servicetree;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.treegrid.TreeGrid;
import com.vaadin.flow.data.provider.hierarchy.AbstractBackEndHierarchicalDataProvider;
import com.vaadin.flow.data.provider.hierarchy.HierarchicalQuery;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeUpdates;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.integrations.servicetree.Impact;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.integrations.servicetree.Server;
import io.tollgate.integrations.servicetree.ServiceTreeView;
import io.tollgate.engine.label.Labels;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * The service tree, browsed lazily from Tollgate's ZooKeeper cache (one level at a time, so a tree of 100,000 nodes
 * opens at once), searchable by name, with each node's owners, servers, URLs, attributes and the impact of its
 * subtree, a form to request a change of the selected node and the node's audited history. The view follows
 * ZooKeeper: applied changes show up without a reload (server push).
 */
@Route(value = "service-tree", layout = MainLayout.class)
@PageTitle("Service tree · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.SRE, Role.Names.AUDITOR, Role.Names.ADMIN})
public class ServiceTreeBrowserView extends VerticalLayout {

    private static final Labels LABELS = io.tollgate.ui.layout.PageLanguage.LABELS;
    private static final java.time.ZoneId ZONE = java.time.ZoneId.systemDefault();


    static final int SEARCH_LIMIT = 200;

    final TreeGrid<NodeView> tree = new TreeGrid<>();
    final TextField search = new TextField();
    final Grid<NodeView> results = new Grid<>(NodeView.class, false);
    final Div details = new Div();
    final Span searchNote = new Span();
    final Grid<Server> servers = new Grid<>(Server.class, false);
    final Grid<ChangeRecord> history = new Grid<>(ChangeRecord.class, false);
    /** Shown when the history holds only the node's latest changes. */
    final Span historyCapped = new Span("The latest " + ServiceTreeChangeRequests.MAX_LISTED
            + " changes of this node; Tree changes lists older ones.");
    final ChangeRequestForm requestForm;

    private final ServiceTreeView cache;
    private final ServiceTreeChangeRequests requests;
    private final ChangeUpdates changeUpdates;
    private final TaskEvents taskEvents;
    private AutoCloseable subscription;
    /** While attached: the selected node's change history follows every node's changes by push. */
    private LiveChanges live;
    private NodeView selected;

    public ServiceTreeBrowserView(ServiceTreeView cache, ServiceTreeChangeRequests requests, CurrentUser currentUser,
                                  ChangeUpdates changeUpdates, TaskEvents taskEvents) {
        this.cache = cache;
        this.requests = requests;
        this.changeUpdates = changeUpdates;
        this.taskEvents = taskEvents;
        setSizeFull();
        requestForm = new ChangeRequestForm(requests, cache, currentUser.username(), outcome -> refreshHistory());
        requestForm.setVisible(Permission.REQUEST_TREE_CHANGES.allows(currentUser.roles()));

        tree.setId("service-tree");
        // the name is focusable: a click on it selects the node (the toggle beside it expands), where a plain
        // hierarchy column would expand or collapse the node on any click in the cell (issue 15)
        tree.addComponentHierarchyColumn(this::nameOf).setHeader("Node").setAutoWidth(true).setFlexGrow(1);
        tree.addColumn(n -> LABELS.of(n.level())).setHeader("Level").setAutoWidth(true);
        tree.addColumn(n -> n.node().servers().size()).setHeader("Servers").setAutoWidth(true);
        tree.setDataProvider(new LazyTree(cache));
        tree.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
        cache.root().ifPresent(root -> tree.expand(root));

        search.setId("tree-search");
        search.setPlaceholder("Search nodes by name");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> runSearch(e.getValue()));
        results.setId("tree-search-results");
        results.addColumn(NodeView::path).setHeader("Path").setFlexGrow(1);
        results.addColumn(n -> LABELS.of(n.level())).setHeader("Level").setAutoWidth(true);
        results.setVisible(false);
        results.setHeight("14em");
        results.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

        servers.setId("node-servers");
        servers.addColumn(Server::hostname).setHeader("Server").setAutoWidth(true);
        servers.addColumn(s -> s.offline() ? "offline" : "online").setHeader("State").setAutoWidth(true);
        servers.addColumn(s -> s.trafficRatio().toPlainString()).setHeader("Traffic ratio").setAutoWidth(true);
        servers.setAllRowsVisible(true);

        history.setId("node-history");
        historyCapped.setId("node-history-capped");
        historyCapped.setVisible(false);
        history.addColumn(r -> HumanTime.exact(r.requestedAt(), ZONE)).setHeader("Requested").setAutoWidth(true);
        history.addColumn(r -> LABELS.treeChangeKind(r.kind())).setHeader("Change").setAutoWidth(true);
        history.addColumn(ChangeRecord::requester).setHeader("By").setAutoWidth(true);
        history.addColumn(r -> LABELS.of(r.status())).setHeader("Status").setAutoWidth(true);
        history.addColumn(ChangeRecord::reason).setHeader("Reason").setFlexGrow(1);
        history.setItemDetailsRenderer(new ComponentRenderer<>(listed -> {
            // the list holds no diff nor events (ChangeEntryRepository.LISTED): the opened change is read whole
            ChangeRecord record = requests.find(listed.changeId()).orElse(listed);
            DiffView diff = new DiffView();
            diff.show(record.diff());
            Div events = new Div();
            record.events().forEach(ev -> events.add(new Div(HumanTime.exact(ev.occurredAt(), ZONE) + "  "
                    + LABELS.of(ev.type())
                    + (ev.actor() == null ? "" : " by " + ev.actor())
                    + (ev.remark() == null || ev.remark().isBlank() ? "" : ": " + ev.remark()))));
            return new VerticalLayout(new com.vaadin.flow.component.html.Anchor(
                    ServiceTreeChangeView.route(record.changeId()), "Open change " + record.changeId()), diff, events);
        }));
        history.setAllRowsVisible(true);

        Button approvals = new Button("My approvals and requests",
                e -> getUI().ifPresent(ui -> ui.navigate(ServiceTreeApprovalsView.class)));
        approvals.setId("open-approvals");
        approvals.setVisible(currentUser.mayOpen(ServiceTreeApprovalsView.class)); // auditors read, never decide

        details.setId("node-details");
        VerticalLayout side = new VerticalLayout(details, servers, new H3("Request a change"), requestForm,
                new H3("History of this node"), history, historyCapped);
        side.setWidth("40%");
        side.setPadding(false);
        HorizontalLayout body = new HorizontalLayout(tree, side);
        body.setSizeFull();
        tree.setHeightFull();
        tree.setWidth("60%");
        searchNote.setVisible(false);
        add(new HorizontalLayout(new H2("Service tree"), approvals), search, searchNote, results, body);
        show(null);
    }

    private Span nameOf(NodeView node) {
        Span name = new Span(node.node().name());
        name.addClassName("tree-node-name");
        name.getElement().setAttribute("tabindex", "0");
        name.getStyle().set("cursor", "pointer");
        name.addClickListener(e -> tree.select(node));
        return name;
    }

    void runSearch(String text) {
        boolean searching = text != null && !text.isBlank();
        results.setVisible(searching);
        results.setItems(searching ? cache.search(text.strip(), SEARCH_LIMIT) : List.of());
        searchNote.setVisible(searching && !cache.isLoaded());
        searchNote.setText("The tree is still loading: the search covers the " + cache.size()
                + " nodes loaded so far.");
    }

    void show(NodeView node) {
        selected = node == null ? null : cache.node(node.node().id()).orElse(null);
        details.removeAll();
        if (selected == null) {
            details.add(new Span("Select a node to see its owners, servers and monitored URLs."));
            servers.setItems(List.of());
            servers.setVisible(false);
            requestForm.forNode(null);
            history.setItems(List.of());
            return;
        }
        // while the view loads a large tree, a subtree's totals would be partial: say so instead of a wrong number
        String subtree;
        if (cache.isLoaded()) {
            Impact impact = cache.impact(selected.node().id());
            subtree = ImpactText.of(impact);
        } else {
            subtree = "counted once the tree has loaded (" + cache.size() + " nodes so far)";
        }
        Map<String, String> attributes = selected.node().attributes();
        details.add(new H3(selected.path()),
                line("Level", LABELS.of(selected.level())),
                line("Owners", selected.node().owners().isEmpty() ? "none (inherits its ancestors' owners)"
                        : String.join(", ", selected.node().owners())),
                line("Monitored URLs", selected.node().urls().isEmpty() ? "none" : String.join(", ", selected.node().urls())),
                line("Attributes", attributes.isEmpty() ? "none" : attributes.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))),
                line("Subtree", subtree));
        servers.setItems(selected.node().servers());
        servers.setVisible(!selected.node().servers().isEmpty());
        requestForm.forNode(selected);
        refreshHistory();
    }

    private void refreshHistory() {
        List<ChangeRecord> changes = selected == null ? List.of() : requests.historyOf(selected.node().id());
        history.setItems(changes);
        historyCapped.setVisible(changes.size() >= ServiceTreeChangeRequests.MAX_LISTED);
    }

    private static Div line(String label, String value) {
        Span name = new Span(label + ": ");
        name.getStyle().set("font-weight", "600");
        return new Div(name, new Span(value));
    }

    /** Refreshes the tree and the details when ZooKeeper reports a change, and the selected node's change history when a change moves on any node; pushed to the browser. */
    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        subscription = cache.onChange(id -> ui.access(() -> {
            tree.getDataProvider().refreshAll();
            if (selected != null) {
                show(selected);
            }
        }));
        live = LiveChanges.follow(ui, changeUpdates, taskEvents, this::refreshHistory);
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (live != null) {
            live.close();
            live = null;
        }
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // the cache is closing with the application
            }
            subscription = null;
        }
    }

    /** One level at a time from the cache. */
    static final class LazyTree extends AbstractBackEndHierarchicalDataProvider<NodeView, Void> {

        private final ServiceTreeView cache;

        LazyTree(ServiceTreeView cache) {
            this.cache = cache;
        }

        @Override
        protected Stream<NodeView> fetchChildrenFromBackEnd(HierarchicalQuery<NodeView, Void> query) {
            if (query.getParent() == null) {
                return cache.root().stream().skip(query.getOffset()).limit(query.getLimit());
            }
            return cache.children(query.getParent().node().id(), query.getOffset(), query.getLimit()).stream();
        }

        @Override
        public int getChildCount(HierarchicalQuery<NodeView, Void> query) {
            return query.getParent() == null ? (cache.root().isPresent() ? 1 : 0)
                    : cache.childCount(query.getParent().node().id());
        }

        @Override
        public boolean hasChildren(NodeView item) {
            return cache.childCount(item.node().id()) > 0;
        }

        @Override
        public Object getId(NodeView item) {
            return item.node().id();
        }
    }
}
