package io.tollgate.ui.history;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.tollgate.engine.account.Role;
import io.tollgate.engine.audit.AuditExport;
import io.tollgate.engine.audit.AuditSearch;
import io.tollgate.engine.audit.AuditTrail;
import io.tollgate.engine.timeline.Timelines;
import io.tollgate.engine.deployment.DeploymentHistory;
import io.tollgate.engine.deployment.DeploymentRecord;
import io.tollgate.engine.permission.Permission;
import io.tollgate.processes.ElementTemplates;
import io.tollgate.ui.layout.CurrentUser;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** The full trail of every ticket and service-tree change, for auditors. */
@Route(value = "history", layout = MainLayout.class)
@PageTitle("History · Tollgate")
@RolesAllowed({Role.Names.AUDITOR, Role.Names.PROCESS_OWNER, Role.Names.ADMIN})
public class HistoryView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int DEPLOYMENTS_SHOWN = 200;

    final AuditTrailPanel trail;

    public HistoryView(CurrentUser currentUser, DeploymentHistory deployments, AuditTrail trail, AuditSearch search,
                       AuditExport export, Timelines timelines) {
        Paragraph about = new Paragraph("The full trail of every ticket and service-tree change, for auditors.");
        about.addClassName("tollgate-empty");
        this.trail = new AuditTrailPanel(currentUser.username(), currentUser::mayOpen, trail, search, export,
                timelines);
        add(new H2("History"), about, this.trail,
                deployments(deployments.newest(currentUser.username(), DEPLOYMENTS_SHOWN)));
        if (Permission.DEPLOY_MODELS.allows(currentUser.roles())) {
            add(modelerTemplates());
        }
    }

    /** Every BPMN/DMN deployment the model guard judged: who, when, what it created, accepted or refused and why. */
    private static VerticalLayout deployments(List<DeploymentRecord> records) {
        Grid<DeploymentRecord> grid = new Grid<>(DeploymentRecord.class, false);
        grid.setId("deployments");
        grid.addColumn(r -> TIME.format(r.decidedAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.deployedBy() == null ? "Tollgate at start-up" : r.deployedBy()).setHeader("By")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.accepted() ? "Accepted" : "Refused").setHeader("Outcome").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> String.join(", ", r.definitions())).setHeader("Processes and decisions")
                .setTooltipGenerator(r -> String.join(", ", r.resources()));
        grid.addColumn(r -> String.join("\n", r.reasons())).setHeader("Why refused")
                .setTooltipGenerator(r -> String.join("\n", r.reasons()));
        grid.setItems(records);
        grid.setAllRowsVisible(records.size() <= 10);
        grid.setWidthFull();
        VerticalLayout section = new VerticalLayout(new H3("Model deployments"), records.isEmpty()
                ? new Paragraph("No model has been deployed since Tollgate started keeping this record.") : grid);
        section.setPadding(false);
        return section;
    }

    /** The element templates for composing Tollgate's processes in Camunda Modeler, for whoever deploys them. */
    private static VerticalLayout modelerTemplates() {
        VerticalLayout templates = new VerticalLayout(new H3("Camunda Modeler element templates"),
                new Paragraph("Put these in Modeler's element-templates folder (or in .camunda/element-templates next"
                        + " to your diagram) and build approvals, review, execution, rollback and the tree apply from"
                        + " them: a model that bypasses an approval or carries code is refused at deployment."));
        templates.setPadding(false);
        templates.setId("element-templates");
        for (String file : ElementTemplates.FILES) {
            Anchor download = new Anchor(DownloadHandler.forClassResource(HistoryView.class,
                    "/" + ElementTemplates.DIRECTORY + file, file), AttachmentType.DOWNLOAD, file);
            download.setId("template-" + file.replace(".json", ""));
            templates.add(download);
        }
        return templates;
    }
}
