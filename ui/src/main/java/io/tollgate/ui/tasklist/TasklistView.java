package io.tollgate.ui.tasklist;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.tasklist.TaskSummary;
import io.tollgate.processes.servicetree.ServiceTreeChangeProcess;
import io.tollgate.engine.tasklist.Tasklist;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import io.tollgate.ui.servicetree.ServiceTreeApprovalsView;
import jakarta.annotation.security.RolesAllowed;

/** Tasks assigned to me and unassigned tasks offered to my groups. */
@Route(value = "tasks", layout = MainLayout.class)
@PageTitle("Tasklist · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.SRE, Role.Names.PROCESS_OWNER,
        Role.Names.ADMIN})
public class TasklistView extends VerticalLayout {

    /** The process key of service-tree changes, whose tasks open in the service-tree audit view. */
    static final String SERVICE_TREE_CHANGE = ServiceTreeChangeProcess.KEY;

    final Grid<TaskSummary> grid = new Grid<>(TaskSummary.class, false);

    public TasklistView(Tasklist tasklist, CurrentUser currentUser) {
        setSizeFull();
        grid.addColumn(TaskSummary::name).setHeader("Task").setAutoWidth(true);
        grid.addColumn(TaskSummary::processName).setHeader("Process");
        grid.addColumn(TaskSummary::businessKey).setHeader("Ticket / change");
        grid.addColumn(t -> t.assignee() == null ? "unclaimed" : t.assignee()).setHeader("Assignee");
        grid.addColumn(TaskSummary::created).setHeader("Created");
        grid.addComponentColumn(task -> {
            Button open = new Button("Open");
            open.setEnabled(SERVICE_TREE_CHANGE.equals(task.processKey()));
            open.addClickListener(e -> open.getUI().ifPresent(ui -> ui.navigate(ServiceTreeApprovalsView.class)));
            return open;
        }).setHeader("").setAutoWidth(true);
        grid.setItems(tasklist.tasksFor(currentUser.username(), currentUser.groups()));
        grid.setEmptyStateText("No tasks for you or your groups.");
        grid.setId("task-grid");
        add(new H2("Tasklist"), grid);
    }
}
