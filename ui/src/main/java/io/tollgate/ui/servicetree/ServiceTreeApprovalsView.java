package io.tollgate.ui.servicetree;

import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.InvalidRequestException;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalPolicy;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.ChangeUpdates;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.engine.label.Labels;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * The service-tree audit, at {@code service-tree/approvals} and, to open one change selected (as the tasklist links
 * to it), {@code service-tree/approvals/<changeId>}: approvals offered to me (never my own changes) with the node before and after side by side,
 * the differences highlighted, the impact and the requester's reason; approve, or reject with a comment. Below, the
 * changes I requested, which I may withdraw, or re-validate after a conflict.
 */
@Route(value = "service-tree/approvals", layout = MainLayout.class)
@PageTitle("Service-tree approvals · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.SRE, Role.Names.PROCESS_OWNER,
        Role.Names.ADMIN})
public class ServiceTreeApprovalsView extends VerticalLayout implements HasUrlParameter<String> {

    private static final Labels LABELS = io.tollgate.ui.layout.PageLanguage.LABELS;
    private static final java.time.ZoneId ZONE = java.time.ZoneId.systemDefault();


    final Grid<PendingApproval> pending = new Grid<>(PendingApproval.class, false);
    final Div before = new Div();
    final Div after = new Div();
    final DiffView diff = new DiffView();
    final Span summary = new Span();
    final TextArea comment = new TextArea("Comment (required to reject)");
    final Button approve = new Button("Approve");
    final Button reject = new Button("Reject");
    final Span message = new Span();
    /** What became of a linked change that is not among my approvals, or that nothing waits for me. */
    final Span note = new Span();
    final H3 differences = new H3("Differences");
    final Grid<ChangeRecord> mine = new Grid<>(ChangeRecord.class, false);
    /** Shown when the list holds only the latest of one's changes. */
    final Span mineCapped = new Span("Your latest " + ServiceTreeChangeRequests.MAX_LISTED
            + " changes; Tree changes lists older ones.");

    private final ServiceTreeChangeRequests requests;
    private final CurrentUser currentUser;
    /** The shown change's trail and engine history (issue 14). */
    final ChangeTimeline timeline;
    private final ChangeUpdates changeUpdates;
    private final TaskEvents taskEvents;
    /** While attached: approvals offered and my changes' statuses follow every node's changes by push. */
    private LiveChanges live;

    public ServiceTreeApprovalsView(ServiceTreeChangeRequests requests, CurrentUser currentUser,
                                    ChangeTimeline timeline, ChangeUpdates changeUpdates, TaskEvents taskEvents) {
        this.requests = requests;
        this.currentUser = currentUser;
        this.timeline = timeline;
        this.changeUpdates = changeUpdates;
        this.taskEvents = taskEvents;
        setWidthFull();

        pending.setId("pending-approvals");
        pending.addColumn(p -> HumanTime.exact(p.offeredAt(), ZONE)).setHeader("Offered").setKey("offered")
                .setAutoWidth(true);
        pending.addColumn(p -> LABELS.of(p.step())).setHeader("Step").setAutoWidth(true);
        pending.addColumn(p -> LABELS.treeChangeKind(p.plan().change().getClass().getSimpleName()
                .substring(0, 1).toLowerCase(java.util.Locale.ROOT) + p.plan().change().getClass().getSimpleName()
                .substring(1))).setHeader("Change").setAutoWidth(true);
        pending.addColumn(ServiceTreeApprovalsView::nodePath).setHeader("Node").setKey("node").setAutoWidth(true);
        pending.addColumn(PendingApproval::requester).setHeader("Requested by").setAutoWidth(true);
        pending.addColumn(p -> p.plan().critical() ? "critical" : "").setHeader("").setAutoWidth(true);
        pending.setAllRowsVisible(true);
        pending.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));

        approve.setId("approve");
        reject.setId("reject");
        message.setId("decision-message");
        approve.addThemeVariants(ButtonVariant.LUMO_SUCCESS, ButtonVariant.LUMO_PRIMARY);
        reject.addThemeVariants(ButtonVariant.LUMO_ERROR);
        approve.addClickListener(e -> decide(true));
        reject.addClickListener(e -> decide(false));

        before.setWidth("50%");
        after.setWidth("50%");
        HorizontalLayout sideBySide = new HorizontalLayout(before, after);
        sideBySide.setWidthFull();

        mine.setId("my-changes");
        mineCapped.setId("my-changes-capped");
        mineCapped.setVisible(false);
        mine.addColumn(r -> HumanTime.exact(r.requestedAt(), ZONE)).setHeader("Requested").setKey("requested")
                .setAutoWidth(true);
        mine.addColumn(r -> LABELS.treeChangeKind(r.kind())).setHeader("Change").setAutoWidth(true);
        mine.addColumn(ChangeRecord::nodePath).setHeader("Node").setAutoWidth(true);
        mine.addColumn(r -> LABELS.of(r.status())).setHeader("Status").setAutoWidth(true);
        mine.addComponentColumn(this::actionsFor).setHeader("").setAutoWidth(true);
        mine.setAllRowsVisible(true);

        note.setId("approvals-note");
        comment.setMaxLength(ApprovalPolicy.MAX_COMMENT);
        add(new H2("Service-tree approvals"), note, pending, summary, sideBySide, differences, diff, comment,
                new HorizontalLayout(approve, reject), message, timeline, new H3("Changes I requested"), mine,
                mineCapped);
        refresh();
        show(null);
    }

    void show(PendingApproval approval) {
        before.removeAll();
        after.removeAll();
        approve.setEnabled(approval != null);
        reject.setEnabled(approval != null);
        differences.setVisible(approval != null);
        timeline.show(approval == null ? null : approval.changeId());
        if (approval == null) {
            summary.setText(pending.getListDataView().getItemCount() == 0 ? ""
                    : "Select an approval to see the change.");
            diff.clear();
            return;
        }
        var plan = approval.plan();
        summary.setText(approval.requester() + " asks: " + plan.change().meta().reason()
                + (plan.critical() ? " · critical: an SRE approves too" : "")
                + " · impact: " + ImpactText.of(plan.impact()));
        before.add(new H3("Before"), nodes(plan.before()));
        after.add(new H3("After"), nodes(plan.after()));
        diff.show(plan.diff());
    }

    /**
     * The node an approval is about: as it is for most kinds, as it will be for a create (which has no before), else
     * its id (issue 15: the column was empty).
     */
    static String nodePath(PendingApproval approval) {
        var plan = approval.plan();
        if (!plan.before().isEmpty()) {
            return plan.before().get(0).path();
        }
        if (!plan.after().isEmpty()) {
            return plan.after().get(0).path();
        }
        return "node " + plan.change().nodeId();
    }

    /** Opens {@code service-tree/approvals/<changeId>} with that change selected, or says why it cannot be. */
    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter String changeId) {
        open(changeId);
    }

    void open(String changeId) {
        refresh();
        if (changeId == null || changeId.isBlank()) {
            show(null);
            return;
        }
        java.util.Optional<PendingApproval> offered = pending.getListDataView().getItems()
                .filter(p -> p.changeId().equals(changeId)).findFirst();
        if (offered.isPresent()) {
            pending.select(offered.get());
            note.setText("");
            return;
        }
        show(null);
        note.setText(whyNotOffered(changeId));
        timeline.show(changeId);
    }

    private String whyNotOffered(String changeId) {
        java.util.Optional<ChangeRecord> change = requests.find(changeId);
        if (change.isEmpty()) {
            return "There is no service-tree change " + changeId + ".";
        }
        ChangeRecord record = change.get();
        String what = LABELS.treeChangeKind(record.kind()) + (record.nodePath() == null ? "" : " of " + record.nodePath());
        if (record.requester().equals(currentUser.username())) {
            return "Change " + changeId + " (" + what + ") is yours: someone else approves it. It is "
                    + statusWords(record.status()) + "; see it under Changes I requested.";
        }
        if (record.status() != ChangeStatus.PENDING_APPROVAL) {
            return "Change " + changeId + " (" + what + ") is " + statusWords(record.status())
                    + ": nothing waits for a decision.";
        }
        return "Change " + changeId + " (" + what + ") waits for its approvers, and you are not one of them.";
    }

    private static String statusWords(ChangeStatus status) {
        return LABELS.of(status).toLowerCase(java.util.Locale.ENGLISH);
    }

    /** The nodes of a plan as text: path, owners, servers, URLs, attributes (also on the change's page). */
    static Pre nodes(List<NodeView> nodes) {
        return new Pre(nodes.isEmpty() ? "(none)" : nodes.stream().map(n -> n.path() + "\n  owners: "
                + String.join(", ", n.node().owners()) + "\n  servers: " + n.node().servers().stream()
                .map(s -> s.hostname() + (s.offline() ? " (offline)" : "") + " " + s.trafficRatio().toPlainString())
                .collect(Collectors.joining(", ")) + "\n  urls: " + String.join(", ", n.node().urls())
                + "\n  attributes: " + n.node().attributes()).collect(Collectors.joining("\n")));
    }

    void decide(boolean approved) {
        PendingApproval approval = pending.asSingleSelect().getValue();
        if (approval == null) {
            return;
        }
        if (!approved && (comment.isEmpty() || comment.getValue().isBlank())) {
            message.setText("Say why you reject it: the comment is required.");
            return;
        }
        try {
            requests.decide(approval.taskId(), currentUser.username(), currentUser.groups(), approved,
                    comment.getValue());
            message.setText((approved ? "Approved " : "Rejected ") + approval.changeId() + ".");
            comment.clear();
        } catch (ApprovalRefusedException | NotAllowedException refused) {
            message.setText("Not allowed: " + refused.getMessage());
        } catch (InvalidRequestException invalid) {
            message.setText(invalid.getMessage());
        }
        refresh();
        show(null);
    }

    private HorizontalLayout actionsFor(ChangeRecord record) {
        HorizontalLayout actions = new HorizontalLayout();
        if (record.status() == ChangeStatus.PENDING_APPROVAL || record.status() == ChangeStatus.CONFLICT) {
            actions.add(new Button("Withdraw", e -> act(() -> {
                requests.withdraw(record.changeId(), currentUser.username());
                return "Withdrew " + record.changeId() + ".";
            })));
        }
        if (record.status() == ChangeStatus.CONFLICT) {
            actions.add(new Button("Re-validate", e -> act(() -> {
                RequestOutcome outcome = requests.resolveConflict(record.changeId(), currentUser.username(), true);
                return outcome.accepted() ? "Validated again: it waits for its approvers."
                        : "Refused now: " + String.join("; ", outcome.violations());
            })));
        }
        return actions;
    }

    private void act(java.util.function.Supplier<String> action) {
        try {
            message.setText(action.get());
        } catch (NotAllowedException refused) {
            message.setText("Not allowed: " + refused.getMessage());
        }
        refresh();
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

    /**
     * Reads the approvals offered and the person's own changes again (on every push, too); the approval being looked
     * at stays selected while it is still offered.
     */
    private void refresh() {
        PendingApproval selected = pending.asSingleSelect().getValue();
        List<PendingApproval> offered = requests.pendingApprovals(currentUser.username(), currentUser.groups());
        pending.setItems(offered);
        if (selected != null) {
            offered.stream().filter(p -> p.taskId().equals(selected.taskId())).findFirst()
                    .ifPresent(pending::select);
        }
        pending.setVisible(!offered.isEmpty());
        if (offered.isEmpty()) {
            note.setText("Nothing waits for your approval.");
        } else if (offered.size() >= ServiceTreeChangeRequests.MAX_LISTED) {
            note.setText("The newest " + ServiceTreeChangeRequests.MAX_LISTED + " approvals waiting for you are"
                    + " listed; older ones follow as these are decided.");
        } else {
            note.setText("");
        }
        List<ChangeRecord> requested = requests.requestedBy(currentUser.username());
        mine.setItems(requested);
        mineCapped.setVisible(requested.size() >= ServiceTreeChangeRequests.MAX_LISTED);
    }
}
