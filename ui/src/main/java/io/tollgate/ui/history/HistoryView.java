package io.tollgate.ui.history;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** The full trail of every ticket and service-tree change, for auditors. */
@Route(value = "history", layout = MainLayout.class)
@PageTitle("History · Tollgate")
@RolesAllowed({Role.Names.AUDITOR, Role.Names.PROCESS_OWNER, Role.Names.ADMIN})
public class HistoryView extends VerticalLayout {

    public HistoryView() {
        Paragraph about = new Paragraph("The full trail of every ticket and service-tree change, for auditors.");
        about.addClassName("tollgate-empty");
        add(new H2("History"), about);
    }
}
