package io.tollgate.ui.layout;

import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * A step that ran out of retries, as a ticket's or a tree change's page shows it (ADR 0052): which step, why, who may
 * retry it, and their button. Hidden while nothing is stuck.
 */
public class StuckStepBanner extends HorizontalLayout {

    /** Why the step is stuck, in the page's error box. */
    public final Div text = new Div();
    /** Shown only to those who may retry the step. */
    public final Button retry = new Button("Retry the step");
    private final String whoRetries;

    /**
     * @param id         the banner's id; the text and the button get {@code id + "-text"} and {@code id + "-retry"}
     * @param whoRetries who may retry such a step, as the text names them ("a DBA")
     * @param onRetry    what the button does
     */
    public StuckStepBanner(String id, String whoRetries, Runnable onRetry) {
        this.whoRetries = whoRetries;
        setId(id);
        text.setId(id + "-text");
        errorBox(text);
        retry.setId(id + "-retry");
        retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        retry.addClickListener(e -> onRetry.run());
        add(text, retry);
        setWidthFull();
        setWrap(true);
        setAlignItems(FlexComponent.Alignment.CENTER);
        setFlexGrow(1, text);
        setVisible(false);
    }

    /** Shows the stuck step ({@code step} null: nothing is stuck, the banner hides). */
    public void show(String step, String reason, boolean mayRetry) {
        setVisible(step != null);
        text.setText(step == null ? "" : "Stuck: \u201c" + step + "\u201d failed after all its retries: " + reason
                + "\nNothing moves until " + whoRetries + " retries it.");
        retry.setVisible(step != null && mayRetry);
    }

    /** The look of a page's error text: a failure, a stuck step. */
    public static void errorBox(HasStyle box) {
        box.getStyle().set("color", "var(--lumo-error-text-color)").set("background", "var(--lumo-error-color-10pct)")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("white-space", "pre-wrap");
    }
}
