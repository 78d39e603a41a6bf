package io.tollgate.ui.layout;

import java.util.List;
import java.util.stream.Collectors;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import io.tollgate.engine.label.Labels;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one page for an address that does not exist or that this person may not open (Vaadin reroutes a refused
 * navigation to {@link NotFoundException} too): inside the layout, with the menu, saying what was asked for and which
 * roles the person has, with a way back and the areas they do use. It never tells which of the two it was, so that
 * it does not reveal what exists.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class NotFoundView extends VerticalLayout implements HasErrorParameter<NotFoundException> {

    final H2 heading = new H2("Nothing to open here");
    final Paragraph explanation = new Paragraph();
    private final CurrentUser currentUser;

    public NotFoundView(CurrentUser currentUser) {
        this.currentUser = currentUser;
        setId("not-found");
        explanation.setId("not-found-explanation");
        Button back = new Button("Back", e -> getUI().ifPresent(ui -> ui.getPage().getHistory().back()));
        back.setId("not-found-back");
        back.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout ways = new HorizontalLayout(back);
        ways.setId("not-found-ways");
        ways.getStyle().set("flex-wrap", "wrap");
        for (Area area : Area.visibleTo(currentUser.roles())) {
            Anchor link = new Anchor(area.route(), area.title());
            link.getElement().setAttribute("router-link", true);
            ways.add(link);
        }
        ways.setAlignItems(Alignment.BASELINE);
        add(heading, explanation, ways);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<NotFoundException> parameter) {
        String path = event.getLocation().getPath();
        Labels labels = PageLanguage.LABELS;
        List<String> roles = currentUser.roles().stream().map(labels::of).sorted().toList();
        explanation.setText("There is no page at '/" + path + "', or it is not open to "
                + (roles.isEmpty() ? "people without a role" : "your roles (" + roles.stream()
                .collect(Collectors.joining(", ")) + ")")
                + ". Go back, or pick one of the areas you use.");
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
