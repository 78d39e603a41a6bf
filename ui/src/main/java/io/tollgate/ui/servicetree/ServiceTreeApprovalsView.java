package io.tollgate.ui.servicetree;

import java.util.List;
import java.util.stream.Collectors;

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
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.approval.ApprovalRefusedException;
import io.tollgate.engine.servicetree.ChangeRecord;
import io.tollgate.engine.servicetree.ChangeStatus;
import io.tollgate.engine.servicetree.NotAllowedException;
import io.tollgate.engine.servicetree.PendingApproval;
import io.tollgate.engine.servicetree.RequestOutcome;
import io.tollgate.engine.servicetree.ServiceTreeChangeRequests;
import io.tollgate.integrations.servicetree.NodeView;
import io.tollgate.engine.label.Labels;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.HumanTime;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/**
 * The service-tree audit: approvals offered to me (never my own changes) with the node before and after side by side,
 * the differences highlighted, the impact and the requester's reason; approve, or reject with a comment. Below, the
 * changes I requested, which I may withdraw, or re-validate after a conflict.
 */
@Route(value = "service-tree/approvals", layout = MainLayout.class)
@PageTitle("Service-tree approvals · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.SRE, Role.Names.PROCESS_OWNER,
        Role.Names.ADMIN})
public class ServiceTreeApprovalsView extends VerticalLayout {

    private static final Labels LABELS = Labels.english();
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
    final Grid<ChangeRecord> mine = new Grid<>(ChangeRecord.class, false);

    private final ServiceTreeChangeRequests requests;
    private final CurrentUser currentUser;

    public ServiceTreeApprovalsView(ServiceTreeChangeRequests requests, CurrentUser currentUser) {
        this.requests = requests;
        this.currentUser = currentUser;
        setWidthFull();

        pending.setId("pending-approvals");
        pending.addColumn(p -> HumanTime.exact(p.offeredAt(), ZONE)).setHeader("Offered").setAutoWidth(true);
        pending.addColumn(p -> LABELS.of(p.step())).setHeader("Step").setAutoWidth(true);
        pending.addColumn(p -> LABELS.treeChangeKind(p.plan().change().getClass().getSimpleName()
                .substring(0, 1).toLowerCase(java.util.Locale.ROOT) + p.plan().change().getClass().getSimpleName()
                .substring(1))).setHeader("Change").setAutoWidth(true);
        pending.addColumn(p -> p.plan().before().isEmpty() ? "" : p.plan().before().get(0).path()).setHeader("Node")
                .setAutoWidth(true);
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
        mine.addColumn(r -> HumanTime.exact(r.requestedAt(), ZONE)).setHeader("Requested").setAutoWidth(true);
        mine.addColumn(r -> LABELS.treeChangeKind(r.kind())).setHeader("Change").setAutoWidth(true);
        mine.addColumn(ChangeRecord::nodePath).setHeader("Node").setAutoWidth(true);
        mine.addColumn(r -> LABELS.of(r.status())).setHeader("Status").setAutoWidth(true);
        mine.addComponentColumn(this::actionsFor).setHeader("").setAutoWidth(true);
        mine.setAllRowsVisible(true);

        add(new H2("Service-tree approvals"), pending, summary, sideBySide, new H3("Differences"), diff, comment,
                new HorizontalLayout(approve, reject), message, new H3("Changes I requested"), mine);
        refresh();
        show(null);
    }

    void show(PendingApproval approval) {
        before.removeAll();
        after.removeAll();
        approve.setEnabled(approval != null);
        reject.setEnabled(approval != null);
        if (approval == null) {
            summary.setText("Select an approval to see the change.");
            diff.show("");
            return;
        }
        var plan = approval.plan();
        summary.setText(approval.requester() + " asks: " + plan.change().meta().reason()
                + (plan.critical() ? " · critical: an SRE approves too" : "")
                + " · impact: " + plan.impact().nodes() + " nodes, " + plan.impact().servers().size() + " servers, "
                + plan.impact().urls().size() + " URLs");
        before.add(new H3("Before"), nodes(plan.before()));
        after.add(new H3("After"), nodes(plan.after()));
        diff.show(plan.diff());
    }

    private static Pre nodes(List<NodeView> nodes) {
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

    private void refresh() {
        pending.setItems(requests.pendingApprovals(currentUser.username(), currentUser.groups()));
        mine.setItems(requests.requestedBy(currentUser.username()));
    }
}
