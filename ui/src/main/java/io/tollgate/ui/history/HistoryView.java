package io.tollgate.ui.history;

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

    public HistoryView(CurrentUser currentUser) {
        Paragraph about = new Paragraph("The full trail of every ticket and service-tree change, for auditors.");
        about.addClassName("tollgate-empty");
        add(new H2("History"), about);
        if (Permission.DEPLOY_MODELS.allows(currentUser.roles())) {
            add(modelerTemplates());
        }
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
