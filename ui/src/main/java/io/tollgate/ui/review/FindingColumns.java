package io.tollgate.ui.review;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.function.ValueProvider;
import io.tollgate.ui.layout.Phone;

import java.util.List;

/**
 * The columns of a grid of review findings, for the self-check and the ticket page alike: statement, line and column,
 * level, rule and the whole message on a wide screen; on a phone one cell per finding, its place, level and rule
 * above the message, so that nothing runs off the side of the screen.
 */
public final class FindingColumns {

    /** What a grid's row says of its finding. */
    public record Parts<T>(ValueProvider<T, Integer> statement, ValueProvider<T, String> place,
                           ValueProvider<T, String> level, ValueProvider<T, String> rule,
                           ValueProvider<T, String> message) {
    }

    private FindingColumns() {
    }

    /** Adds the columns to {@code grid} and shows the ones that fit the window each time it is attached. */
    public static <T> void addTo(Grid<T> grid, Parts<T> parts) {
        List<Grid.Column<T>> wide = List.of(
                grid.addColumn(parts.statement()).setHeader("#").setAutoWidth(true).setFlexGrow(0),
                grid.addColumn(parts.place()).setHeader("Line:col").setAutoWidth(true).setFlexGrow(0),
                grid.addColumn(parts.level()).setHeader("Level").setAutoWidth(true).setFlexGrow(0),
                grid.addColumn(parts.rule()).setHeader("Rule").setAutoWidth(true).setFlexGrow(0),
                // the whole message, wrapped over as many lines as it needs: never cut with "…"
                grid.addColumn(parts.message()).setHeader("What is wrong, and how to fix it").setFlexGrow(1)
                        .setKey("message"));
        Grid.Column<T> compact = grid.addColumn(new ComponentRenderer<>(row -> {
            Span meta = new Span("#" + parts.statement().apply(row) + " · " + parts.place().apply(row) + " · "
                    + parts.level().apply(row) + " · " + parts.rule().apply(row));
            meta.addClassName("finding-meta");
            meta.getStyle().set("font-weight", "600");
            Div message = new Div(parts.message().apply(row));
            message.addClassName("finding-message");
            return new Div(meta, message);
        })).setHeader("Finding").setFlexGrow(1).setKey("compact");
        compact.setVisible(false);
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        Phone.onAttach(grid, phone -> {
            wide.forEach(c -> c.setVisible(!phone));
            compact.setVisible(phone);
        });
    }
}
