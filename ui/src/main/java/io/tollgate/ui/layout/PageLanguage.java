package io.tollgate.ui.layout;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.server.VaadinSession;
import io.tollgate.engine.label.Labels;

/**
 * The language of a person's pages: the browser's (Accept-Language when the session began) until they choose one in
 * the user menu, then that one for the rest of the session. Only the labels of statuses and other values
 * ({@link Labels}) follow it; sentences stay English.
 */
public final class PageLanguage {

    /** Labels in the language of the page asking (English outside a page). */
    public static final Labels LABELS = Labels.following(PageLanguage::current);
    /** What the user menu offers: a language tag and its name in itself. */
    static final List<String> CHOICES = List.of("en", "zh");

    private PageLanguage() {
    }

    /** The language tag of the page being worked on, e.g. {@code zh-CN}; "en" when no page is. */
    public static String current() {
        UI ui = UI.getCurrent();
        if (ui != null && ui.getLocale() != null) {
            return ui.getLocale().toLanguageTag();
        }
        VaadinSession session = VaadinSession.getCurrent();
        return session == null || session.getLocale() == null ? "en" : session.getLocale().toLanguageTag();
    }

    /** The user menu's language choice: changes the session's language and reloads the page in it. */
    static Select<String> chooser() {
        Select<String> select = new Select<>();
        select.setId("page-language");
        select.setItems(CHOICES);
        select.setItemLabelGenerator(tag -> "zh".equals(tag) ? "中文" : "English");
        select.setValue(primary(current()));
        select.setWidth("7.5em");
        select.setAriaLabel("Language");
        select.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && !e.getValue().equals(primary(current()))) {
                choose(e.getValue());
            }
        });
        return select;
    }

    static void choose(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setLocale(locale);
        }
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.setLocale(locale);
            ui.getPage().reload();
        }
    }

    /** "zh" for any Chinese, "en" for everything else (the languages there are labels for). */
    static String primary(String tag) {
        return tag != null && Locale.forLanguageTag(tag).getLanguage().equals("zh") ? "zh" : "en";
    }
}
