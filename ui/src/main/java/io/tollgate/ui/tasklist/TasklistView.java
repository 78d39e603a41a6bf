package io.tollgate.ui.tasklist;

import java.util.List;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.tasklist.TaskClaimException;
import io.tollgate.engine.tasklist.TaskEvents;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.processes.ticket.SqlTicketProcess;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.layout.TaskUpdates;
import io.tollgate.ui.servicetree.ServiceTreeApprovalsView;
import io.tollgate.ui.tickets.TicketDetailView;
import jakarta.annotation.security.RolesAllowed;

/**
 * Tasks assigned to me, then those offered to me or my groups (claimed by someone else ones included, greyed), never
 * approvals of my own tickets or changes. Claim and unclaim per row; Open shows the ticket (with its SQL, findings,
 * risk and the decision) or the service-tree approvals. The list follows every task change by server push.
 */
@Route(value = "tasks", layout = MainLayout.class)
@PageTitle("Tasklist · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.SRE, Role.Names.PROCESS_OWNER,
        Role.Names.ADMIN})
public class TasklistView extends VerticalLayout {

    /** The process key of service-tree changes, whose tasks open in the service-tree audit view. */
    static final String SERVICE_TREE_CHANGE = ServiceTreeChangeProcess.KEY;
    static final String ACTIONS = "actions";

    final Grid<TaskSummary> grid = new Grid<>(TaskSummary.class, false);

    private final Tasklist tasklist;
    private final TaskEvents taskEvents;
    /** Read once: push callbacks run outside the request, where the security context is not there to ask. */
    private final String username;
    private final List<String> groups;
    private TaskEvents.Registration subscription;

    public TasklistView(Tasklist tasklist, TaskEvents taskEvents, CurrentUser currentUser) {
        this.tasklist = tasklist;
        this.taskEvents = taskEvents;
        this.username = currentUser.username();
        this.groups = currentUser.groups();
        setSizeFull();
        grid.addColumn(TaskSummary::name).setHeader("Task").setAutoWidth(true);
        grid.addColumn(TaskSummary::subject).setHeader("About").setFlexGrow(1);
        grid.addColumn(TaskSummary::businessKey).setHeader("Ticket / change").setAutoWidth(true);
        grid.addColumn(TaskSummary::requester).setHeader("Requested by").setAutoWidth(true);
        grid.addColumn(TaskSummary::risk).setHeader("Risk").setAutoWidth(true);
        grid.addColumn(t -> t.assignee() == null ? "unclaimed" : t.assignee()).setHeader("Assignee").setAutoWidth(true);
        grid.addColumn(TaskSummary::created).setHeader("Created").setAutoWidth(true);
        grid.addComponentColumn(this::actions).setKey(ACTIONS).setHeader("").setAutoWidth(true);
        grid.setEmptyStateText("No tasks for you or your groups.");
        grid.setId("task-grid");
        add(new H2("Tasklist"), grid);
    }

    private HorizontalLayout actions(TaskSummary task) {
        HorizontalLayout actions = new HorizontalLayout();
        if (username.equals(task.assignee())) {
            Button unclaim = new Button("Unclaim", e -> unclaim(task));
            unclaim.setEnabled(task.canUnclaim());
            if (!task.canUnclaim()) {
                unclaim.setTooltipText("Assigned to you by its process");
            }
            actions.add(unclaim);
        } else {
            Button claim = new Button("Claim", e -> claim(task));
            claim.setEnabled(task.canClaim());
            if (task.assignee() != null) {
                claim.setTooltipText("Claimed by " + task.assignee());
            }
            actions.add(claim);
        }
        Button open = new Button("Open", e -> open(task));
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.setEnabled(SERVICE_TREE_CHANGE.equals(task.processKey())
                || SqlTicketProcess.KEY.equals(task.processKey()) && task.businessKey() != null);
        actions.add(open);
        return actions;
    }

    void refresh() {
        grid.setItems(tasklist.tasksFor(username, groups));
    }

    private void claim(TaskSummary task) {
        act(() -> tasklist.claim(task.id(), username, groups));
    }

    private void unclaim(TaskSummary task) {
        act(() -> tasklist.unclaim(task.id(), username, groups));
    }

    /** Runs a claim or unclaim, shows the server's refusal if any, and shows the list as it is now either way. */
    private void act(Runnable action) {
        try {
            action.run();
        } catch (TaskClaimException refused) {
            Notification notification = Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE);
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
        refresh();
    }

    private void open(TaskSummary task) {
        getUI().ifPresent(ui -> {
            if (SERVICE_TREE_CHANGE.equals(task.processKey())) {
                ui.navigate(ServiceTreeApprovalsView.class);
            } else if (SqlTicketProcess.KEY.equals(task.processKey())) {
                ui.navigate(TicketDetailView.class, TicketDetailView.parameters(task.businessKey()));
            }
        });
    }

    @Override
    protected void onAttach(AttachEvent event) {
        subscription = TaskUpdates.follow(event.getUI(), taskEvents, this::refresh);
        refresh(); // after subscribing, so that no change falls between the two
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }
}
