package io.tollgate.ui.tickets;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.tollgate.engine.account.Role;
import io.tollgate.ui.layout.MainLayout;
import jakarta.annotation.security.RolesAllowed;

/** SQL change tickets — submit SQL, follow its review, approval, execution and rollback. */
@Route(value = "tickets", layout = MainLayout.class)
@PageTitle("Tickets · Tollgate")
@RolesAllowed({Role.Names.ENGINEER, Role.Names.REVIEWER, Role.Names.DBA, Role.Names.AUDITOR, Role.Names.ADMIN})
public class TicketsView extends VerticalLayout {

    public TicketsView() {
        Paragraph about = new Paragraph("SQL change tickets — submit SQL, follow its review, approval, execution and rollback.");
        about.addClassName("tollgate-empty");
        add(new H2("Tickets"), about);
    }
}
