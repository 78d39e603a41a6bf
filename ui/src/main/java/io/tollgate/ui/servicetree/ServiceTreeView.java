package io.tollgate.ui.servicetree;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** The service tree (product line, service, IDC) and audited requests to change it. */
@Route(value = "service-tree", layout = MainLayout.class)
@PageTitle("Service tree · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.SRE, Role.Names.AUDITOR, Role.Names.ADMIN})
public class ServiceTreeView extends VerticalLayout {

    public ServiceTreeView() {
        Paragraph about = new Paragraph("The service tree (product line, service, IDC) and audited requests to change it.");
        about.addClassName("tollgate-empty");
        add(new H2("Service tree"), about);
    }
}
