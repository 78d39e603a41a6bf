package io.tollgate.ui.servicetree;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import io.tollgate.engine.permission.Permission;
import io.tollgate.engine.permission.PermissionDeniedException;
import io.tollgate.engine.servicetree.NotAllowedException;
import java.time.ZoneId;
import java.util.Optional;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.label.Labels;
import io.tollgate.engine.servicetree.ChangeDetails;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeUpdates;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.JsonDisplay;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.layout.StuckStepBanner;
import jakarta.annotation.security.RolesAllowed;

/**
 * One service-tree change, read-only, at {@code service-tree/changes/<changeId>} (issue 14): what was requested, by
 * whom and why, its status, the validated plan (the nodes before and after, the diff, the impact), who the approvals
 * are offered to, what happened (decisions included) and its timeline. It offers no action: deciding and withdrawing
 * are on {@code service-tree/approvals}, linked only for those who may open it (never an auditor). Open to those who
 * may read changes ({@link ServiceTreeChangeRequests#mayRead}: the tree's audits or all history), as the History
 * page's entries link here.
 */
@Route(value = "service-tree/changes", layout = MainLayout.class)
@PageTitle("Service-tree change · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.SRE, Role.Names.PROCESS_OWNER, Role.Names.AUDITOR, Role.Names.ADMIN})
public class ServiceTreeChangeView extends VerticalLayout implements HasUrlParameter<String> {

    private static final Labels LABELS = io.tollgate.ui.layout.PageLanguage.LABELS;
    private static final ZoneId ZONE = ZoneId.systemDefault();

    final H2 heading = new H2();
    final FormLayout facts = new FormLayout();
    final Div plan = new Div();
    final Grid<ChangeRecord.Event> events = new Grid<>(ChangeRecord.Event.class, false);
    final Anchor decide = new Anchor();
    /** A step of the change's process that ran out of retries (ADR 0052): which, why, and an SRE's button. */
    final StuckStepBanner stuck = new StuckStepBanner("tree-change-stuck", "an SRE", this::retry);
    final ChangeTimeline timeline;

    private final ServiceTreeChangeRequests requests;
    private final CurrentUser currentUser;
    private final ChangeUpdates changeUpdates;
    private final TaskEvents taskEvents;
    private String changeId;
    /** While attached: the change's status and tasks follow every node's changes by push. */
    private LiveChanges live;

    public ServiceTreeChangeView(ServiceTreeChangeRequests requests, CurrentUser currentUser,
                                 ChangeTimeline timeline, ChangeUpdates changeUpdates, TaskEvents taskEvents) {
        this.requests = requests;
        this.currentUser = currentUser;
        this.timeline = timeline;
        this.changeUpdates = changeUpdates;
        this.taskEvents = taskEvents;
        setWidthFull();
        setId("tree-change");
        heading.setId("tree-change-heading");
        facts.setId("tree-change-facts");
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 2));
        plan.setId("tree-change-plan");
        plan.setWidthFull();
        events.setId("tree-change-events");
        events.addColumn(e -> HumanTime.exact(e.occurredAt(), ZONE)).setHeader("When").setAutoWidth(true)
                .setFlexGrow(0);
        events.addColumn(e -> LABELS.of(e.type())).setHeader("What").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(e -> e.actor() == null ? "Tollgate" : e.actor()).setHeader("Who").setAutoWidth(true)
                .setFlexGrow(0);
        events.addColumn(e -> e.remark() == null ? "" : e.remark()).setHeader("Comment")
                .setTooltipGenerator(e -> e.detail() == null ? "" : e.detail());
        events.setAllRowsVisible(true);
        decide.setId("tree-change-decide");
        add(heading, decide, stuck, facts, new H3("Plan"), plan, new H3("What happened"), events, timeline);
    }

    @Override
    public void setParameter(BeforeEvent event, String changeId) {
        this.changeId = changeId;
        Optional<ChangeDetails> details = requests.read(currentUser.username(), changeId);
        if (details.isEmpty()) {
            event.rerouteToError(NotFoundException.class, "There is no service-tree change " + changeId + ".");
            return;
        }
        show(details.get());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        String reader = currentUser.username();
        live = LiveChanges.follow(event.getUI(), changeUpdates, taskEvents,
                () -> requests.read(reader, changeId).ifPresent(this::show));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (live != null) {
            live.close();
            live = null;
        }
    }

    void show(ChangeDetails details) {
        ChangeRecord change = details.change();
        heading.setText(LABELS.treeChangeKind(change.kind()) + (change.nodePath() == null ? ""
                : " of " + change.nodePath()) + " · " + change.changeId());
        facts.removeAll();
        fact("Status", LABELS.of(change.status()), "tree-change-status");
        fact("Requested by", change.requester(), null);
        fact("Requested", HumanTime.exact(change.requestedAt(), ZONE), null);
        fact("Reason", change.reason(), null);
        fact("Approvers", String.join(", ", details.approvers()) + (details.sreToo()
                ? " · critical: an SRE approves too" : ""), "tree-change-approvers");
        if (change.appliedAt() != null) {
            fact("Applied", HumanTime.exact(change.appliedAt(), ZONE), null);
        }
        Pre requested = new Pre(JsonDisplay.pretty(change.changeJson(), ""));
        requested.getStyle().set("white-space", "pre-wrap").set("margin", "0");
        facts.addFormItem(requested, "Requested change");

        plan.removeAll();
        var validated = details.plan();
        if (validated == null) {
            plan.add(new Span("No plan was validated."));
        } else {
            Div before = new Div(new H3("Before"), ServiceTreeApprovalsView.nodes(validated.before()));
            Div after = new Div(new H3("After"), ServiceTreeApprovalsView.nodes(validated.after()));
            before.setWidth("50%");
            after.setWidth("50%");
            HorizontalLayout sideBySide = new HorizontalLayout(before, after);
            sideBySide.setWidthFull();
            DiffView diff = new DiffView();
            diff.setId("tree-change-diff");
            diff.show(validated.diff());
            plan.add(new Span("Impact: " + ImpactText.of(validated.impact())), sideBySide, diff);
        }
        events.setItems(change.events());
        stuck.show(change.stuckStep(), change.stuckReason(), Permission.RETRY_TREE_STEPS.allows(currentUser.roles()));

        // where the person acts on it, for those who may open that page (the matrix: never an auditor)
        boolean mayAct = currentUser.mayOpen(ServiceTreeApprovalsView.class);
        decide.setVisible(mayAct);
        if (mayAct) {
            decide.setHref("service-tree/approvals/" + change.changeId());
            decide.setText("Decide or withdraw it under Service-tree approvals");
        }
        timeline.show(change.changeId());
    }

    private void retry() {
        try {
            requests.retryStuckStep(changeId, currentUser.username());
            Notification.show("The step runs again.", 6_000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (NotAllowedException | PermissionDeniedException refused) {
            Notification.show(refused.getMessage(), 6_000, Notification.Position.TOP_CENTER)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        requests.read(currentUser.username(), changeId).ifPresent(this::show);
    }

    private void fact(String label, String value, String id) {
        Span text = new Span(value == null ? "" : value);
        if (id != null) {
            text.setId(id);
        }
        facts.addFormItem(text, label);
    }

    /** The change's page, as History entries and other pages link to it. */
    public static String route(String changeId) {
        return "service-tree/changes/" + changeId;
    }
}
