package io.tollgate.ui.layout;

import com.vaadin.flow.component.Component;

import java.util.function.Consumer;

/**
 * Phones: a window narrower than {@link #WIDTH} CSS pixels gets the pages' compact layouts (filters folded, findings
 * as one readable cell each). One width for every page.
 */
public final class Phone {

    /** Narrower than this is a phone. */
    public static final int WIDTH = 700;

    private Phone() {
    }

    /** Tells {@code apply} on every attach of {@code component} whether the browser's window is a phone's. */
    public static void onAttach(Component component, Consumer<Boolean> apply) {
        component.addAttachListener(e -> e.getUI().getPage().retrieveExtendedClientDetails(details ->
                apply.accept(details.getWindowInnerWidth() < WIDTH)));
    }
}
