package io.tollgate.ui.layout;

import java.util.List;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;

/** The start page forwards to the first area this person uses. */
@Route(value = "", layout = MainLayout.class)
@PermitAll
public class HomeView extends Div implements BeforeEnterObserver {

    private final CurrentUser currentUser;

    public HomeView(CurrentUser currentUser) {
        this.currentUser = currentUser;
        setText("You have no role in Tollgate yet. Ask an admin to grant you one.");
        addClassName("tollgate-empty");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<Area> areas = Area.visibleTo(currentUser.roles());
        if (!areas.isEmpty()) {
            event.forwardTo(areas.get(0).route());
        }
    }
}
